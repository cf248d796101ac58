package org.asfcast.netsink.wire;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The HTML page of an archive folder: its subfolders as links, then its files, each with its
 * title and duration and two links, the file itself and its {@code .asx} metafile. Links are
 * relative (the folder is always asked for with its trailing '/'), percent-encoded; every text
 * is HTML-escaped. No script, no style sheet, no image: nothing but the page is fetched. Pure.
 */
public final class FolderPage {

    private FolderPage() {
    }

    /** One line of the page. */
    public sealed interface Row {
        /** The entry's name in its folder, decoded. */
        String name();
    }

    /**
     * A subfolder.
     *
     * @param name its name
     */
    public record SubFolder(String name) implements Row {
        /**
         * Checks the name.
         *
         * @param name see the record description
         */
        public SubFolder {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * A media file.
     *
     * @param name           its name
     * @param title          the title its header gives, if any
     * @param durationMillis its play duration, empty when unknown (not a valid ASF file)
     */
    public record MediaFile(String name, Optional<String> title, OptionalLong durationMillis) implements Row {
        /**
         * Checks nothing is null.
         *
         * @param name see the record description
         * @param title see the record description
         * @param durationMillis see the record description
         */
        public MediaFile {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(durationMillis, "durationMillis");
        }
    }

    /**
     * The page.
     *
     * @param heading   the folder as a person reads it, e.g. {@code /archive/sub/}
     * @param hasParent whether to link to the folder above (not on the point's own folder)
     * @param rows      the entries, in the order to show
     * @return the HTML document
     */
    public static String html(String heading, boolean hasParent, List<Row> rows) {
        return html(heading, hasParent, rows, "");
    }

    /**
     * The page, with {@code query} (such as {@code ?token=T}, encoded) after every link, so a
     * player token in the query reaches what the page links to.
     */
    public static String html(String heading, boolean hasParent, List<Row> rows, String query) {
        StringBuilder out = new StringBuilder(512 + rows.size() * 160);
        out.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(escape(heading)).append("</title></head>\n<body>\n<h1>")
                .append(escape(heading)).append("</h1>\n<table>\n")
                .append("<tr><th>Name</th><th>Title</th><th>Duration</th><th>Metafile</th></tr>\n");
        if (hasParent) {
            out.append("<tr><td><a href=\"../").append(escape(query)).append("\">../</a></td><td></td><td></td><td></td></tr>\n");
        }
        for (Row row : rows) {
            String href = UrlPath.segment(row.name());
            String q = escape(query);
            if (row instanceof SubFolder) {
                out.append("<tr><td><a href=\"").append(href).append("/").append(q).append("\">").append(escape(row.name()))
                        .append("/</a></td><td></td><td></td><td></td></tr>\n");
            } else if (row instanceof MediaFile file) {
                out.append("<tr><td><a href=\"").append(href).append(q).append("\">").append(escape(file.name()))
                        .append("</a></td><td>").append(escape(file.title().orElse("-")))
                        .append("</td><td>").append(duration(file.durationMillis()))
                        .append("</td><td><a href=\"").append(href).append(".asx").append(q).append("\">.asx</a></td></tr>\n");
            }
        }
        out.append("</table>\n");
        if (rows.isEmpty()) {
            out.append("<p>This folder holds no media files.</p>\n");
        }
        return out.append("</body></html>\n").toString();
    }

    /** {@code h:mm:ss} or {@code m:ss}; "-" when unknown. */
    static String duration(OptionalLong millis) {
        if (millis.isEmpty() || millis.getAsLong() < 0) {
            return "-";
        }
        long seconds = millis.getAsLong() / 1000;
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format("%d:%02d:%02d", h, m, s) : String.format("%d:%02d", m, s);
    }

    /** HTML text and attribute escaping; a control character becomes U+FFFD, which HTML forbids raw. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c < 0x20 || c == 0x7F ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }
}
