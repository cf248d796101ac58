package org.asfcast.writer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.asfcast.asf.AsfFileWriter;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.AsfHeader;

/**
 * Writes what a writer produces to a file: the SDK's file sink ({@code IWMWriterFileSink}). The
 * header starts the file, each data unit is appended, and {@code onEndWriting} finishes it with the
 * real size, packet count and durations, a Simple Index per video stream and the Seekable flag. A
 * file that is still being written plays as a broadcast.
 *
 * <p><b>When it fails</b> (a full disk, a packet it cannot hold), it finishes the file at once with
 * the whole packets that reached it (real sizes, index, Seekable; trailing packets dropped when the
 * index needs their room) and throws an {@link IOException} whose message names the file and says
 * what it kept. A writer sets a failed sink aside, so this is the sink's last word: it takes nothing
 * more until a new header starts a new file.
 *
 * <p><b>A header again.</b> The same header again is ignored. A different one before any data unit
 * starts the file over with it; after data units, one with the same packet size is ignored (what
 * the SDK allows a file sink that cannot rewrite its header), and one with another packet size
 * fails, because the file cannot hold both. A new session (a header after {@code onEndWriting})
 * writes the file again from the start.
 *
 * <p>Not real-time: a writer feeds it as fast as the source allows. Safe to call from any thread;
 * calls are serialised.
 */
public final class FileSink implements WriterSink {

    private Path path;
    private AsfFileWriter file;
    private byte[] headerBytes;
    private long dataUnits;
    private boolean finished;
    private IOException failure;

    /** A sink with no file yet: call {@link #open} before writing begins. */
    public FileSink() {
    }

    /** A sink that writes {@code file} (as {@link #open} does). */
    public FileSink(Path file) {
        open(file);
    }

    /**
     * Names the file to write (the SDK's {@code IWMWriterFileSink::Open}); it is created, or
     * replaced, when the header arrives. There is no close: {@code onEndWriting} finishes the file.
     *
     * @throws SdkException E_POINTER for null; ASF_E_INVALIDSTATE while a file is being written
     */
    public synchronized void open(Path file) {
        if (file == null) {
            throw new SdkException(SdkError.E_POINTER, "the file name is null");
        }
        if (this.file != null) {
            throw new SdkException(SdkError.ASF_E_INVALIDSTATE, "the sink is writing " + path + "; it can open "
                    + "another file after onEndWriting");
        }
        this.path = file;
    }

    /** The file this sink writes, once opened. */
    public synchronized Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    /** Data units (packets) written to the current or last file. */
    public synchronized long dataUnits() {
        return dataUnits;
    }

    /** Whether the last file was finished, by {@code onEndWriting} or after a failure. */
    public synchronized boolean isFinished() {
        return finished;
    }

    /** The failure that ended the current or last file early, if one did. */
    public synchronized Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * Starts the file with this header (see the class comment for a header that comes again).
     *
     * @throws SdkException ASF_E_INVALIDSTATE when no file was opened
     * @throws IOException  when the file cannot be created, the header is not valid ASF, or a
     *                      changed header has another packet size than the data already written
     */
    @Override
    public synchronized void onHeader(ByteBuffer header) throws IOException {
        if (path == null) {
            throw new SdkException(SdkError.ASF_E_INVALIDSTATE, "no file: call open before writing begins");
        }
        byte[] bytes = new byte[header.remaining()];
        header.duplicate().get(bytes);
        AsfHeader parsed = parse(bytes);
        if (file != null) {
            if (Arrays.equals(bytes, headerBytes)) {
                return;
            }
            if (dataUnits > 0) {
                int current = parse(headerBytes).packetSize();
                if (parsed.packetSize() != current) {
                    throw fail("a new header has " + parsed.packetSize() + "-byte packets, but the file holds "
                            + current + "-byte packets", null);
                }
                return; // the SDK lets a file sink that cannot rewrite its header ignore later ones
            }
            file.close();
        }
        failure = null;
        try {
            file = AsfFileWriter.create(path, parsed);
        } catch (IOException e) {
            failure = new IOException("cannot start the recording " + path + ": " + reason(e), e);
            throw failure;
        }
        headerBytes = bytes;
        dataUnits = 0;
        finished = false;
    }

    /** Not real-time: the file takes data as fast as it comes. */
    @Override
    public boolean isRealTime() {
        return false;
    }

    /**
     * Appends one data packet.
     *
     * @throws SdkException ASF_E_INVALIDSTATE before the header
     * @throws IOException  when the packet is not a valid ASF packet of the header's size, or writing
     *                      fails: the file is finished then (see the class comment), and the same
     *                      failure comes again for every later data unit
     */
    @Override
    public synchronized void onDataUnit(ByteBuffer dataUnit) throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (file == null) {
            throw new SdkException(SdkError.ASF_E_INVALIDSTATE, "a data unit before the header");
        }
        byte[] packet = new byte[dataUnit.remaining()];
        dataUnit.get(packet);
        try {
            file.writePacket(packet);
        } catch (AsfFormatException e) {
            throw fail("a data unit is not a valid ASF packet: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw fail(e.getMessage(), e);
        } catch (IOException e) {
            throw fail(reason(e), e);
        }
        dataUnits++;
    }

    /**
     * Finishes the file: index, real sizes and durations, Seekable. Nothing happens without a file
     * (nor after a failure, which finished it already).
     *
     * @throws IOException when the disk had no room for all of it: the file is finished with fewer
     *                     packets (the message says how many), or could not be finished at all
     */
    @Override
    public synchronized void onEndWriting() throws IOException {
        if (file == null) {
            return;
        }
        AsfFileWriter closing = file;
        file = null;
        headerBytes = null;
        try {
            closing.close();
        } catch (IOException e) {
            failure = new IOException("recording " + path + " could not be finished: " + reason(e), e);
            throw failure;
        }
        finished = true;
        if (closing.packets() < dataUnits) {
            failure = new IOException("recording " + path + " ran out of room at its end; " + kept(closing));
            throw failure;
        }
    }

    /**
     * Finishes the file after {@code what} went wrong and returns the failure to throw: it names the
     * file and says what the file kept. Every later data unit gets the same failure.
     */
    private IOException fail(String what, Exception cause) {
        AsfFileWriter failed = file;
        file = null;
        headerBytes = null;
        String outcome;
        try {
            failed.close();
            finished = true;
            outcome = kept(failed);
        } catch (IOException e) {
            outcome = "the file could not be finished: " + reason(e);
        }
        failure = new IOException("recording " + path + " stopped: " + what + "; " + outcome, cause);
        return failure;
    }

    private String kept(AsfFileWriter finishedFile) {
        return String.format(java.util.Locale.ROOT, "the file is finished with its %s%d packets (%.1f s)",
                finishedFile.packets() < dataUnits ? "first " : "", finishedFile.packets(),
                finishedFile.durationMillis() / 1000.0);
    }

    /** The operating system's words (FileSystemException's reason, without the file name it repeats). */
    private static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    @Override
    public synchronized String toString() {
        return "FileSink[" + (path == null ? "no file" : path) + "]";
    }

    private static AsfHeader parse(byte[] bytes) throws IOException {
        try {
            return AsfHeader.parse(bytes);
        } catch (AsfFormatException e) {
            throw new IOException("the header is not valid ASF: " + e.getMessage(), e);
        }
    }
}
