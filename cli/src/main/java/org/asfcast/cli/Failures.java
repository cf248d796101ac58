package org.asfcast.cli;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.client.HttpStatusException;
import org.asfcast.client.StreamProtocolException;
import org.asfcast.writer.SdkException;

/** Turns what went wrong into the one sentence the command prints: never a stack trace. */
final class Failures {

    private Failures() {
    }

    static String sentence(Throwable e) {
        if (e instanceof UserError u) {
            return u.getMessage();
        }
        if (e instanceof NoSuchFileException f) {
            return "no such file: " + f.getFile();
        }
        if (e instanceof AccessDeniedException f) {
            return "permission denied: " + f.getFile();
        }
        if (e instanceof FileSystemException f && f.getFile() != null) {
            // The JDK's message is "FILE: reason" only sometimes; say it so every time.
            return f.getFile() + ": " + (f.getReason() == null ? "cannot be used" : f.getReason());
        }
        if (e instanceof AsfFormatException f) {
            return "the input is not a valid ASF stream: " + f.getMessage();
        }
        if (e instanceof UnknownHostException h) {
            return "unknown host: " + h.getMessage();
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return "cannot connect: " + e.getMessage();
        }
        if (e instanceof SocketTimeoutException) {
            return "the server did not answer in time: " + e.getMessage();
        }
        if (e instanceof HttpStatusException h) {
            return h.getMessage();
        }
        if (e instanceof StreamProtocolException p) {
            return "the server's answer is not a Windows Media stream: " + p.getMessage();
        }
        if (e instanceof SdkException s) {
            return s.getMessage();
        }
        if (e instanceof java.io.IOException) {
            return e.getMessage() == null ? e.toString() : e.getMessage();
        }
        return "internal error: " + e + " (run with -Dasfcast.debug=true for details)";
    }

    /** A failure the user can act on, already phrased for them. */
    static final class UserError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UserError(String sentence) {
            super(sentence);
        }
    }
}
