package org.asfcast.writer.source;

import java.net.URI;
import java.nio.file.Path;

/**
 * What FFmpeg reads: a local file (any format FFmpeg knows) or a URL FFmpeg opens itself
 * ({@code rtsp://}, {@code http://}, {@code srt://}, ...).
 *
 * @param location an absolute file name, or a URL
 * @param file     whether {@code location} is a file
 * @param loop     read it again from the start whenever it ends ({@code -stream_loop -1})
 */
public record TranscodeInput(String location, boolean file, boolean loop) {

    /** A local file, made absolute. */
    public static TranscodeInput ofFile(Path file, boolean loop) {
        return new TranscodeInput(file.toAbsolutePath().normalize().toString(), true, loop);
    }

    /** A URL, passed to FFmpeg as written. */
    public static TranscodeInput ofUrl(String url, boolean loop) {
        return new TranscodeInput(url, false, loop);
    }

    /** Whether {@code text} names a URL (a scheme and "://") rather than a file. */
    public static boolean isUrl(String text) {
        return text.matches("[A-Za-z][A-Za-z0-9+.-]*://.*");
    }

    /**
     * The argument for FFmpeg's {@code -i}: a file behind {@code file:}, so that a colon in its name
     * is never read as a protocol ({@code a:b.mp4}).
     */
    public String argument() {
        return file ? "file:" + location : location;
    }

    /** The file's name, or the URL without its user information (a password stays out of logs). */
    public String describe() {
        if (file) {
            return String.valueOf(Path.of(location).getFileName());
        }
        try {
            URI uri = new URI(location);
            if (uri.getRawUserInfo() != null) {
                return uri.getScheme() + "://" + uri.getRawAuthority().substring(uri.getRawUserInfo().length() + 1)
                        + (uri.getRawPath() == null ? "" : uri.getRawPath());
            }
        } catch (java.net.URISyntaxException notAUri) {
            // described as written below
        }
        return location;
    }
}
