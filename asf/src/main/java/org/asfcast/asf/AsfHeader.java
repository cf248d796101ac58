package org.asfcast.asf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ASF Header Object (ASF spec §3.1) as a model: its child objects in order. Parsing and
 * writing back an unmodified header gives the identical bytes.
 *
 * @param reserved1 the first reserved byte (0x01)
 * @param reserved2 the second reserved byte (0x02)
 * @param objects   the child objects, in file order
 */
public record AsfHeader(int reserved1, int reserved2, List<HeaderObject> objects) {

    /** Size of the Header Object's own fields before its children. */
    public static final int FIXED_SIZE = 30;
    /** The largest header asfcast reads from a stream (big cover art fits; absurd sizes do not). */
    public static final int MAX_SIZE = 32 << 20;

    public AsfHeader {
        objects = List.copyOf(objects);
    }

    /** A header of the given objects with the standard reserved bytes. */
    public static AsfHeader of(List<HeaderObject> objects) {
        return new AsfHeader(1, 2, objects);
    }

    /**
     * Parses a Header Object that starts at {@code bytes[0]}; bytes after it are ignored.
     *
     * @throws AsfFormatException if it is not a valid ASF header
     */
    public static AsfHeader parse(byte[] bytes) throws AsfFormatException {
        ByteReader in = ByteReader.of(bytes);
        Guid guid = in.guid("Header Object GUID");
        if (!guid.equals(AsfGuids.HEADER)) {
            throw new AsfFormatException(0, "not ASF: the first object is " + AsfGuids.describe(guid)
                    + ", not the Header Object");
        }
        long size = in.u64("Header Object size");
        if (size < FIXED_SIZE || size > bytes.length) {
            throw new AsfFormatException(16, "Header Object size " + size + " is outside 30.." + bytes.length);
        }
        in.u32("Number of Header Objects"); // derived from the objects found; readers ignore it too
        int reserved1 = in.u8("Reserved1");
        int reserved2 = in.u8("Reserved2");
        if (reserved2 != 2) {
            throw new AsfFormatException(29, "Header Object Reserved2 is " + reserved2 + ", not 2");
        }
        List<HeaderObject> objects = HeaderObjectReader.readAll(in.slice(size - FIXED_SIZE, "header objects"),
                false);
        AsfHeader header = new AsfHeader(reserved1, reserved2, objects);
        long fileProperties = objects.stream().filter(FileProperties.class::isInstance).count();
        if (fileProperties != 1) {
            throw new AsfFormatException(30, "the header has " + fileProperties
                    + " File Properties Objects; exactly one is required");
        }
        FileProperties fp = header.fileProperties();
        if (fp.maxPacketSize() < 20 || fp.maxPacketSize() > 0x10000 || fp.minPacketSize() > fp.maxPacketSize()) {
            throw new AsfFormatException(30, "data packet size min " + fp.minPacketSize() + " max "
                    + fp.maxPacketSize() + " is not usable (20..65536, min <= max)");
        }
        if (header.streams().isEmpty()) {
            throw new AsfFormatException(30, "the header describes no stream");
        }
        return header;
    }

    /** The whole Header Object as bytes. */
    public byte[] toBytes() {
        ByteWriter out = new ByteWriter(4096);
        int start = out.beginObject(AsfGuids.HEADER);
        out.u32(objects.size()).u8(reserved1).u8(reserved2);
        for (HeaderObject object : objects) {
            out.bytes(object.toBytes());
        }
        out.endObject(start);
        return out.toByteArray();
    }

    /** The File Properties Object. */
    public FileProperties fileProperties() {
        return find(FileProperties.class).orElseThrow(() -> new IllegalStateException("no File Properties"));
    }

    /** The Header Extension Object, if present. */
    public Optional<HeaderExtension> extension() {
        return find(HeaderExtension.class);
    }

    /** The Content Description Object, if present. */
    public Optional<ContentDescription> contentDescription() {
        return find(ContentDescription.class);
    }

    /** The Extended Content Description Object, if present. */
    public Optional<ExtendedContentDescription> extendedContentDescription() {
        return find(ExtendedContentDescription.class);
    }

    /** The Codec List Object, if present. */
    public Optional<CodecList> codecList() {
        return find(CodecList.class);
    }

    /** The Stream Bitrate Properties Object, if present. */
    public Optional<StreamBitrateProperties> streamBitrates() {
        return find(StreamBitrateProperties.class);
    }

    /** Every stream: top-level Stream Properties, then those embedded in Extended Stream Properties. */
    public List<StreamProperties> streams() {
        List<StreamProperties> streams = new ArrayList<>();
        for (HeaderObject object : objects) {
            if (object instanceof StreamProperties stream) {
                streams.add(stream);
            }
        }
        for (ExtendedStreamProperties esp : extendedStreamProperties()) {
            esp.embeddedStream().ifPresent(streams::add);
        }
        return streams;
    }

    /** The stream with this number. */
    public Optional<StreamProperties> stream(int streamNumber) {
        return streams().stream().filter(s -> s.streamNumber() == streamNumber).findFirst();
    }

    /** The Extended Stream Properties Objects inside the Header Extension. */
    public List<ExtendedStreamProperties> extendedStreamProperties() {
        List<ExtendedStreamProperties> result = new ArrayList<>();
        extension().ifPresent(ext -> ext.objects().forEach(o -> {
            if (o instanceof ExtendedStreamProperties esp) {
                result.add(esp);
            }
        }));
        return result;
    }

    /** The data packet size. */
    public int packetSize() {
        return fileProperties().packetSize();
    }

    /** The preroll in milliseconds. */
    public long preroll() {
        return fileProperties().preroll();
    }

    /** A copy with the File Properties replaced. */
    public AsfHeader withFileProperties(FileProperties fileProperties) {
        List<HeaderObject> copy = new ArrayList<>(objects);
        copy.replaceAll(o -> o instanceof FileProperties ? fileProperties : o);
        return new AsfHeader(reserved1, reserved2, copy);
    }

    private <T extends HeaderObject> Optional<T> find(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).findFirst();
    }
}
