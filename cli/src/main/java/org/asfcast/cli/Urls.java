package org.asfcast.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import org.asfcast.client.MmshClient;
import org.asfcast.client.StreamException;
import org.asfcast.client.StreamProtocolException;

/** Checks the URLs the commands take, and makes the client for one. */
final class Urls {

    private Urls() {
    }

    static URI parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new Failures.UserError("not a URL: " + text + " (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("mmsh") && !scheme.equals("http") && !scheme.equals("mms")) {
            throw new Failures.UserError("the URL must start with mmsh:// or http://, not '" + text + "'");
        }
        if (uri.getHost() == null) {
            throw new Failures.UserError("the URL has no host: " + text);
        }
        return uri;
    }

    /** A client asking as a Windows Media player (also over http://), or as a plain HTTP client. */
    static MmshClient client(URI uri, boolean plain) {
        MmshClient client = MmshClient.create();
        return "http".equalsIgnoreCase(uri.getScheme()) ? client.withWmspOverHttp(!plain) : client;
    }

    /** A request to a stream, made with a given client. */
    @FunctionalInterface
    interface Request<T> {
        T ask(MmshClient client) throws IOException, StreamException;
    }

    /** What a request got, and the client that got it (the one to keep using). */
    record Answer<T>(MmshClient client, T answer) {
    }

    /**
     * Asks as a Windows Media player; when an http:// server turns out not to speak MS-WMSP (a web
     * server with an .asf file, say), asks again as a plain HTTP client for raw ASF. With
     * {@code plain}, or for mmsh://, asks only once.
     */
    static <T> Answer<T> askWmspThenPlain(URI uri, boolean plain, Request<T> request)
            throws IOException, StreamException {
        MmshClient client = client(uri, plain);
        try {
            return new Answer<>(client, request.ask(client));
        } catch (StreamProtocolException e) {
            if (plain || !"http".equalsIgnoreCase(uri.getScheme())) {
                throw e;
            }
            MmshClient raw = client(uri, true);
            return new Answer<>(raw, request.ask(raw));
        }
    }
}
