package org.asfcast.cli;

import java.io.PrintWriter;

/**
 * What the command prints: lines, and on a terminal one status line kept fresh below them. A
 * line printed while the status line shows first clears it, so they never mix.
 */
final class Terminal {

    private final PrintWriter out;
    private final boolean interactive;
    private String status = "";

    Terminal(PrintWriter out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    /** Whether a status line is shown (only on a terminal). */
    boolean interactive() {
        return interactive;
    }

    synchronized void println(String line) {
        if (interactive && !status.isEmpty()) {
            out.print("\r" + " ".repeat(status.length()) + "\r");
        }
        out.println(line);
        if (interactive && !status.isEmpty()) {
            out.print(status);
        }
        out.flush();
    }

    synchronized void status(String line) {
        if (!interactive) {
            return;
        }
        String padded = line.length() < status.length() ? line + " ".repeat(status.length() - line.length()) : line;
        out.print("\r" + padded);
        out.flush();
        status = line;
    }

    synchronized void clearStatus() {
        if (interactive && !status.isEmpty()) {
            out.print("\r" + " ".repeat(status.length()) + "\r");
            out.flush();
            status = "";
        }
    }
}
