package org.asfcast.asf;

/**
 * The Content Description Object (ASF spec §3.10): title, author, copyright, description, rating.
 * Empty strings are stored with length 0; others as NUL-terminated UTF-16LE.
 */
public record ContentDescription(String title, String author, String copyright, String description,
                                 String rating) implements HeaderObject {

    static ContentDescription read(ByteReader in) throws AsfFormatException {
        int[] lengths = new int[5];
        for (int i = 0; i < 5; i++) {
            lengths[i] = in.u16("Content Description length");
        }
        return new ContentDescription(in.utf16(lengths[0], "Title"), in.utf16(lengths[1], "Author"),
                in.utf16(lengths[2], "Copyright"), in.utf16(lengths[3], "Description"),
                in.utf16(lengths[4], "Rating"));
    }

    @Override
    public Guid guid() {
        return AsfGuids.CONTENT_DESCRIPTION;
    }

    @Override
    public byte[] toBytes() {
        byte[][] fields = {ByteWriter.utf16zOrEmpty(title), ByteWriter.utf16zOrEmpty(author),
            ByteWriter.utf16zOrEmpty(copyright), ByteWriter.utf16zOrEmpty(description), ByteWriter.utf16zOrEmpty(rating)};
        ByteWriter out = new ByteWriter();
        int start = out.beginObject(guid());
        for (byte[] field : fields) {
            out.u16(field.length);
        }
        for (byte[] field : fields) {
            out.bytes(field);
        }
        out.endObject(start);
        return out.toByteArray();
    }
}
