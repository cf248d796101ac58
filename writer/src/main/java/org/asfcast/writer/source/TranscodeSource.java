package org.asfcast.writer.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.writer.Source;
import org.asfcast.writer.WriterSink;

/**
 * Any input FFmpeg reads, transcoded to WMV2/WMA2 live ASF ({@link TranscodeCommand}) and relayed
 * by a {@link CommandSource}: FFmpeg is restarted with back-off when it fails, its stderr is logged
 * with the point's name, and a file read once ends the broadcast when FFmpeg has finished it.
 */
public final class TranscodeSource implements Source {

    /** What to tell a user whose machine lacks FFmpeg, after saying what it was needed for. */
    public static final String NO_FFMPEG = "ffmpeg is not on the PATH; install FFmpeg (Debian, Ubuntu: apt install ffmpeg) "
            + "and start again";

    private static final long PROBE_SECONDS = 20;

    private final TranscodeInput input;
    private final CommandSource command;

    private TranscodeSource(TranscodeInput input, CommandSource command) {
        this.input = input;
        this.command = command;
    }

    /**
     * FFmpeg on the PATH.
     *
     * @param pathVariable the PATH to search, as {@code System.getenv("PATH")}
     * @param purpose      what it is needed for, the start of the sentence, such as "movie.mp4 is not ASF: serving it needs FFmpeg"
     * @throws TranscodeException saying {@code purpose} and {@link #NO_FFMPEG}
     */
    public static Path ffmpeg(String pathVariable, String purpose) throws TranscodeException {
        return SearchPath.find("ffmpeg", pathVariable).orElseThrow(() -> new TranscodeException(purpose + ", and " + NO_FFMPEG));
    }

    /**
     * A transcode of {@code input} for the point called {@code name}. A file is looked at first, so
     * one FFmpeg cannot read (or with neither video nor audio) is refused now, not after the grace
     * period of restarts; a URL is not (it may be down now and up later).
     *
     * @throws TranscodeException when FFmpeg cannot read the file, in FFmpeg's words
     */
    public static TranscodeSource open(Path ffmpeg, TranscodeInput input, TranscodeSettings settings, String name,
            CommandSettings keeping) throws IOException, InterruptedException {
        if (input.file()) {
            probe(ffmpeg, input);
        }
        // A file read once is finished when FFmpeg exits cleanly; anything else is restarted.
        CommandSettings run = input.file() && !input.loop() ? keeping.endingOnExit() : keeping;
        return new TranscodeSource(input, new CommandSource(TranscodeCommand.arguments(ffmpeg, input, settings), name, run));
    }

    private static void probe(Path ffmpeg, TranscodeInput input) throws IOException, InterruptedException {
        Path said = Files.createTempFile("asfcast-probe", ".txt");
        try {
            Process p = new ProcessBuilder(TranscodeCommand.probe(ffmpeg, input))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(said.toFile()).start();
            if (!p.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new TranscodeException("FFmpeg did not finish reading the start of " + input.describe() + " within "
                        + PROBE_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                List<String> lines = Files.readAllLines(said, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
                String last = lines.isEmpty() ? "exited with code " + p.exitValue()
                        : lines.get(lines.size() - 1).replace(input.argument() + ": ", "");
                throw new TranscodeException("FFmpeg cannot transcode " + input.describe() + ": " + PrintableLine.of(last, false));
            }
        } finally {
            Files.deleteIfExists(said);
        }
    }

    @Override
    public void run(List<WriterSink> sinks) throws IOException, AsfFormatException, InterruptedException {
        command.run(sinks);
    }

    @Override
    public void stop() {
        command.stop();
    }

    @Override
    public String describe() {
        return PrintableLine.of(input.describe(), false) + (input.loop() ? " (looped)" : "") + ", transcoded by FFmpeg to WMV2/WMA2";
    }

    /** How many times FFmpeg has been started again (after it failed or stalled). */
    public int restarts() {
        return command.restarts();
    }
}
