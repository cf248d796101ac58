package org.asfcast.asf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The Extended Content Description Object (ASF spec §3.11): named, typed metadata values
 * (e.g. {@code WM/AlbumTitle}). Values are kept as their raw bytes with typed accessors.
 */
public record ExtendedContentDescription(List<Descriptor> descriptors) implements HeaderObject {

    /** Value data types. BOOL is 32 bits in this object. */
    public static final int UNICODE = 0, BYTES = 1, BOOL = 2, DWORD = 3, QWORD = 4, WORD = 5;

    /**
     * One descriptor.
     *
     * @param name  the descriptor name
     * @param type  value data type, 0..5
     * @param value the value bytes as stored
     */
    public record Descriptor(String name, int type, byte[] value) {
        public Descriptor {
            value = value.clone();
        }

        /** A Unicode string descriptor. */
        public static Descriptor text(String name, String value) {
            return new Descriptor(name, UNICODE, ByteWriter.utf16z(value));
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        /** The value as text, when its type is Unicode. */
        public Optional<String> asText() {
            if (type != UNICODE) {
                return Optional.empty();
            }
            int length = value.length & ~1;
            if (length >= 2 && value[length - 1] == 0 && value[length - 2] == 0) {
                length -= 2;
            }
            return Optional.of(new String(value, 0, length, StandardCharsets.UTF_16LE));
        }

        /** The value as a number, when its type is BOOL, DWORD, QWORD or WORD. */
        public Optional<Long> asNumber() {
            int expected = switch (type) {
                case BOOL, DWORD -> 4;
                case QWORD -> 8;
                case WORD -> 2;
                default -> -1;
            };
            if (expected != value.length) {
                return Optional.empty();
            }
            long result = 0;
            for (int i = value.length - 1; i >= 0; i--) {
                result = result << 8 | (value[i] & 0xFF);
            }
            return Optional.of(result);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Descriptor d && name.equals(d.name) && type == d.type && Arrays.equals(value, d.value);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return name + "=" + asText().map(Object::toString).or(() -> asNumber().map(Object::toString))
                    .orElse(value.length + " bytes");
        }
    }

    public ExtendedContentDescription {
        descriptors = List.copyOf(descriptors);
    }

    /** The first descriptor with this name. */
    public Optional<Descriptor> find(String name) {
        return descriptors.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    static ExtendedContentDescription read(ByteReader in) throws AsfFormatException {
        int count = in.u16("Content Descriptors Count");
        Descriptor[] result = new Descriptor[count];
        for (int i = 0; i < count; i++) {
            String name = in.utf16(in.u16("Descriptor Name Length"), "Descriptor Name");
            int type = in.u16("Descriptor Value Data Type");
            if (type > WORD) {
                throw new AsfFormatException(in.offset() - 2, "descriptor value type " + type + " is not 0..5");
            }
            result[i] = new Descriptor(name, type, in.bytes(in.u16("Descriptor Value Length"), "Descriptor Value"));
        }
        return new ExtendedContentDescription(List.of(result));
    }

    @Override
    public Guid guid() {
        return AsfGuids.EXTENDED_CONTENT_DESCRIPTION;
    }

    @Override
    public byte[] toBytes() {
        ByteWriter out = new ByteWriter();
        int start = out.beginObject(guid());
        out.u16(descriptors.size());
        for (Descriptor d : descriptors) {
            byte[] name = ByteWriter.utf16z(d.name());
            out.u16(name.length).bytes(name).u16(d.type()).u16(d.value.length).bytes(d.value);
        }
        out.endObject(start);
        return out.toByteArray();
    }
}
