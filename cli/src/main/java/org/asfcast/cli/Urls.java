package org.asfcast.cli;

import java.net.URI;
import java.net.URISyntaxException;
import org.asfcast.client.MmshClient;

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
}
