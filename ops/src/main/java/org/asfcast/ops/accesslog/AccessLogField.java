package org.asfcast.ops.accesslog;

/**
 * The fields of an access log line, in the order Windows Media Services 9 writes them (its 52-field
 * client log, research operations-and-mmst.md §1.1.1, [MS-WMLOG] §2.2), then asfcast's one addition,
 * {@code x-reason}, last, so that a WMS log analyser reading by position finds every standard field
 * where it expects it. Each field says how its value is written ({@link Kind}).
 */
public enum AccessLogField {
    C_IP("c-ip", Kind.TOKEN),
    DATE("date", Kind.TOKEN),
    TIME("time", Kind.TOKEN),
    C_DNS("c-dns", Kind.TEXT),
    CS_URI_STEM("cs-uri-stem", Kind.URL),
    C_STARTTIME("c-starttime", Kind.TOKEN),
    X_DURATION("x-duration", Kind.TOKEN),
    C_RATE("c-rate", Kind.TOKEN),
    C_STATUS("c-status", Kind.TOKEN),
    C_PLAYERID("c-playerid", Kind.TEXT),
    C_PLAYERVERSION("c-playerversion", Kind.TEXT),
    C_PLAYERLANGUAGE("c-playerlanguage", Kind.TEXT),
    CS_USER_AGENT("cs(User-Agent)", Kind.TEXT),
    CS_REFERER("cs(Referer)", Kind.URL),
    C_HOSTEXE("c-hostexe", Kind.TEXT),
    C_HOSTEXEVER("c-hostexever", Kind.TEXT),
    C_OS("c-os", Kind.TEXT),
    C_OSVERSION("c-osversion", Kind.TEXT),
    C_CPU("c-cpu", Kind.TEXT),
    FILELENGTH("filelength", Kind.TOKEN),
    FILESIZE("filesize", Kind.TOKEN),
    AVGBANDWIDTH("avgbandwidth", Kind.TOKEN),
    PROTOCOL("protocol", Kind.TOKEN),
    TRANSPORT("transport", Kind.TOKEN),
    AUDIOCODEC("audiocodec", Kind.TEXT),
    VIDEOCODEC("videocodec", Kind.TEXT),
    CHANNEL_URL("channelURL", Kind.URL),
    SC_BYTES("sc-bytes", Kind.TOKEN),
    C_BYTES("c-bytes", Kind.TOKEN),
    S_PKTS_SENT("s-pkts-sent", Kind.TOKEN),
    C_PKTS_RECEIVED("c-pkts-received", Kind.TOKEN),
    C_PKTS_LOST_CLIENT("c-pkts-lost-client", Kind.TOKEN),
    C_PKTS_LOST_NET("c-pkts-lost-net", Kind.TOKEN),
    C_PKTS_LOST_CONT_NET("c-pkts-lost-cont-net", Kind.TOKEN),
    C_RESENDREQS("c-resendreqs", Kind.TOKEN),
    C_PKTS_RECOVERED_ECC("c-pkts-recovered-ECC", Kind.TOKEN),
    C_PKTS_RECOVERED_RESENT("c-pkts-recovered-resent", Kind.TOKEN),
    C_BUFFERCOUNT("c-buffercount", Kind.TOKEN),
    C_TOTALBUFFERTIME("c-totalbuffertime", Kind.TOKEN),
    C_QUALITY("c-quality", Kind.TOKEN),
    S_IP("s-ip", Kind.TOKEN),
    S_DNS("s-dns", Kind.TEXT),
    S_TOTALCLIENTS("s-totalclients", Kind.TOKEN),
    S_CPU_UTIL("s-cpu-util", Kind.TOKEN),
    CS_USER_NAME("cs-user-name", Kind.TEXT),
    S_SESSION_ID("s-session-id", Kind.TOKEN),
    S_CONTENT_PATH("s-content-path", Kind.URL),
    CS_URL("cs-url", Kind.URL),
    CS_MEDIA_NAME("cs-media-name", Kind.TEXT),
    C_MAX_BANDWIDTH("c-max-bandwidth", Kind.TOKEN),
    CS_MEDIA_ROLE("cs-media-role", Kind.TEXT),
    S_PROXIED("s-proxied", Kind.TOKEN),
    /** asfcast's: why the session ended, that it still plays (an interim line), or a refusal's sentence. */
    X_REASON("x-reason", Kind.TEXT);

    /** How a field's value is written, and how much of it is kept. */
    public enum Kind {
        /** A number, an address, a date, a short word: written as is (still escaped if odd). */
        TOKEN(64),
        /** Free text (a User-Agent, a codec name): spaces become {@code _}, as WMS writes them. */
        TEXT(256),
        /** A path or URL: spaces, controls and non-ASCII are percent-encoded, as a URL is. */
        URL(1024);

        private final int maxChars;

        Kind(int maxChars) {
            this.maxChars = maxChars;
        }

        /** The most characters of a value that are kept: a client cannot make a line kilobytes long. */
        public int maxChars() {
            return maxChars;
        }
    }

    private final String w3cName;
    private final Kind kind;

    AccessLogField(String w3cName, Kind kind) {
        this.w3cName = w3cName;
        this.kind = kind;
    }

    /** The name in the {@code #Fields:} directive. */
    public String w3cName() {
        return w3cName;
    }

    /** How its value is written. */
    public Kind kind() {
        return kind;
    }

    /** The field named {@code name} in a {@code #Fields:} line or a LogStats element, ignoring case. */
    public static java.util.Optional<AccessLogField> named(String name) {
        for (AccessLogField f : values()) {
            if (f.w3cName.equalsIgnoreCase(name)) {
                return java.util.Optional.of(f);
            }
        }
        return java.util.Optional.empty();
    }
}
