package org.asfcast.asf;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The Extended Stream Properties Object (ASF spec §4.1), found in the Header Extension. It may
 * embed the stream's Stream Properties Object.
 *
 * @param startTime                 ms
 * @param endTime                   ms
 * @param dataBitrate               leaky-bucket rate R, bits per second
 * @param bufferSize                leaky-bucket size B, ms
 * @param initialBufferFullness     ms
 * @param alternateDataBitrate      bits per second
 * @param alternateBufferSize       ms
 * @param alternateInitialFullness  ms
 * @param maximumObjectSize         bytes, 0 if unknown
 * @param flags                     0x1 Reliable, 0x2 Seekable, 0x4 No Cleanpoints, 0x8 Resend Live Cleanpoints
 * @param streamNumber              the stream described
 * @param languageIndex             index into the Language List
 * @param averageTimePerFrame       100-ns units
 * @param names                     stream names
 * @param extensionSystems          payload extension systems (each adds bytes to every payload's replicated data)
 * @param embeddedStream            the embedded Stream Properties Object, if any
 */
public record ExtendedStreamProperties(long startTime, long endTime, long dataBitrate, long bufferSize,
                                       long initialBufferFullness, long alternateDataBitrate,
                                       long alternateBufferSize, long alternateInitialFullness,
                                       long maximumObjectSize, long flags, int streamNumber, int languageIndex,
                                       long averageTimePerFrame, List<StreamName> names,
                                       List<PayloadExtensionSystem> extensionSystems,
                                       Optional<StreamProperties> embeddedStream) implements HeaderObject {

    /** A stream name in one language. */
    public record StreamName(int languageIndex, String name) {
    }

    /**
     * A payload extension system.
     *
     * @param systemId the extension's GUID
     * @param dataSize bytes it adds to each payload's replicated data, 0xFFFF when variable
     * @param info     the extension system info
     */
    public record PayloadExtensionSystem(Guid systemId, int dataSize, byte[] info) {
        public PayloadExtensionSystem {
            info = info.clone();
        }

        @Override
        public byte[] info() {
            return info.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PayloadExtensionSystem p && systemId.equals(p.systemId) && dataSize == p.dataSize
                    && Arrays.equals(info, p.info);
        }

        @Override
        public int hashCode() {
            return systemId.hashCode() * 31 + dataSize;
        }
    }

    public ExtendedStreamProperties {
        names = List.copyOf(names);
        extensionSystems = List.copyOf(extensionSystems);
    }

    static ExtendedStreamProperties read(ByteReader in) throws AsfFormatException {
        long startTime = in.u64("Start Time");
        long endTime = in.u64("End Time");
        long dataBitrate = in.u32("Data Bitrate");
        long bufferSize = in.u32("Buffer Size");
        long fullness = in.u32("Initial Buffer Fullness");
        long altBitrate = in.u32("Alternate Data Bitrate");
        long altBuffer = in.u32("Alternate Buffer Size");
        long altFullness = in.u32("Alternate Initial Buffer Fullness");
        long maxObject = in.u32("Maximum Object Size");
        long flags = in.u32("Flags");
        int stream = in.u16("Stream Number");
        int language = in.u16("Stream Language ID Index");
        long timePerFrame = in.u64("Average Time Per Frame");
        int nameCount = in.u16("Stream Name Count");
        int systemCount = in.u16("Payload Extension System Count");
        StreamName[] names = new StreamName[nameCount];
        for (int i = 0; i < nameCount; i++) {
            int lang = in.u16("Language ID Index");
            int length = in.u16("Stream Name Length");
            names[i] = new StreamName(lang, in.utf16(length, "Stream Name"));
        }
        PayloadExtensionSystem[] systems = new PayloadExtensionSystem[systemCount];
        for (int i = 0; i < systemCount; i++) {
            Guid id = in.guid("Extension System ID");
            int size = in.u16("Extension Data Size");
            long infoLength = in.u32("Extension System Info Length");
            systems[i] = new PayloadExtensionSystem(id, size, in.bytes(infoLength, "Extension System Info"));
        }
        Optional<StreamProperties> embedded = Optional.empty();
        if (in.remaining() > 0) {
            long at = in.offset();
            Guid guid = in.guid("embedded object GUID");
            long size = in.u64("embedded object size");
            if (!guid.equals(AsfGuids.STREAM_PROPERTIES)) {
                throw new AsfFormatException(at, "Extended Stream Properties ends with " + AsfGuids.describe(guid)
                        + " where only a Stream Properties Object may be embedded");
            }
            if (size != in.remaining() + 24) {
                throw new AsfFormatException(at, "embedded Stream Properties size " + size
                        + " does not fill the " + (in.remaining() + 24) + " bytes left");
            }
            embedded = Optional.of(StreamProperties.read(in));
        }
        return new ExtendedStreamProperties(startTime, endTime, dataBitrate, bufferSize, fullness, altBitrate,
                altBuffer, altFullness, maxObject, flags, stream, language, timePerFrame, List.of(names),
                List.of(systems), embedded);
    }

    @Override
    public Guid guid() {
        return AsfGuids.EXTENDED_STREAM_PROPERTIES;
    }

    @Override
    public byte[] toBytes() {
        ByteWriter out = new ByteWriter();
        int start = out.beginObject(guid());
        out.u64(startTime).u64(endTime).u32(dataBitrate).u32(bufferSize).u32(initialBufferFullness)
                .u32(alternateDataBitrate).u32(alternateBufferSize).u32(alternateInitialFullness)
                .u32(maximumObjectSize).u32(flags).u16(streamNumber).u16(languageIndex).u64(averageTimePerFrame)
                .u16(names.size()).u16(extensionSystems.size());
        for (StreamName name : names) {
            byte[] text = ByteWriter.utf16z(name.name());
            out.u16(name.languageIndex()).u16(text.length).bytes(text);
        }
        for (PayloadExtensionSystem system : extensionSystems) {
            out.guid(system.systemId()).u16(system.dataSize()).u32(system.info.length).bytes(system.info);
        }
        embeddedStream.ifPresent(stream -> out.bytes(stream.toBytes()));
        out.endObject(start);
        return out.toByteArray();
    }
}
