package org.asfcast.asf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Walks back-to-back header objects and turns each into its model type. An object whose model
 * does not re-encode to the very same bytes (a non-canonical string, trailing bytes) is kept as an
 * {@link UnknownObject}, so an unmodified header always writes back identically.
 */
final class HeaderObjectReader {
    /** Object header: GUID + QWORD size. */
    static final int OBJECT_HEADER = 24;

    private HeaderObjectReader() {
    }

    static List<HeaderObject> readAll(ByteReader in, boolean insideExtension) throws AsfFormatException {
        List<HeaderObject> objects = new ArrayList<>();
        while (in.remaining() > 0) {
            objects.add(readOne(in, insideExtension));
        }
        return objects;
    }

    private static HeaderObject readOne(ByteReader in, boolean insideExtension) throws AsfFormatException {
        int start = in.position();
        long at = in.offset();
        Guid guid = in.guid("object GUID");
        long size = in.u64("object size");
        if (size < OBJECT_HEADER) {
            throw new AsfFormatException(at, AsfGuids.describe(guid) + " has object size " + size + ", below 24");
        }
        if (size - OBJECT_HEADER > in.remaining()) {
            throw new AsfFormatException(at, AsfGuids.describe(guid) + " has object size " + size
                    + " but only " + (in.remaining() + OBJECT_HEADER) + " bytes are left in its parent");
        }
        ByteReader body = in.slice(size - OBJECT_HEADER, "object body");
        HeaderObject model = model(guid, body, insideExtension);
        if (model == null) {
            return new UnknownObject(guid, Arrays.copyOfRange(in.array(), start + OBJECT_HEADER, in.position()));
        }
        byte[] encoded = model.toBytes();
        if (!Arrays.equals(encoded, 0, encoded.length, in.array(), start, in.position())) {
            return new UnknownObject(guid, Arrays.copyOfRange(in.array(), start + OBJECT_HEADER, in.position()));
        }
        return model;
    }

    /** The model of a known object, or null when the GUID is not modelled here. */
    private static HeaderObject model(Guid guid, ByteReader body, boolean insideExtension)
            throws AsfFormatException {
        if (insideExtension) {
            return guid.equals(AsfGuids.EXTENDED_STREAM_PROPERTIES) ? ExtendedStreamProperties.read(body) : null;
        }
        if (guid.equals(AsfGuids.FILE_PROPERTIES)) {
            return FileProperties.read(body);
        } else if (guid.equals(AsfGuids.STREAM_PROPERTIES)) {
            return StreamProperties.read(body);
        } else if (guid.equals(AsfGuids.HEADER_EXTENSION)) {
            return readExtension(body);
        } else if (guid.equals(AsfGuids.CONTENT_DESCRIPTION)) {
            return ContentDescription.read(body);
        } else if (guid.equals(AsfGuids.EXTENDED_CONTENT_DESCRIPTION)) {
            return ExtendedContentDescription.read(body);
        } else if (guid.equals(AsfGuids.CODEC_LIST)) {
            return CodecList.read(body);
        } else if (guid.equals(AsfGuids.STREAM_BITRATE_PROPERTIES)) {
            return StreamBitrateProperties.read(body);
        }
        return null;
    }

    private static HeaderExtension readExtension(ByteReader in) throws AsfFormatException {
        Guid reserved1 = in.guid("Header Extension Reserved Field 1");
        int reserved2 = in.u16("Header Extension Reserved Field 2");
        long dataSize = in.u32("Header Extension Data Size");
        if (dataSize != in.remaining()) {
            throw new AsfFormatException(in.offset() - 4, "Header Extension Data Size " + dataSize
                    + " differs from the " + in.remaining() + " bytes the object holds");
        }
        return new HeaderExtension(reserved1, reserved2, readAll(in, true));
    }
}
