package org.asfcast.asf;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Makes ASF files with asfcast's own packetizer and file writer from MJPEG frames (Java ImageIO)
 * and 16-bit PCM audio: the media a pure-Java producer can emit.
 */
public final class WrittenFiles {
    private WrittenFiles() {
    }

    /** Frame {@code index} of a numbered test picture as a JPEG. */
    public static byte[] jpegFrame(int index, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(Color.HSBtoRGB(index / 50f, 0.6f, 0.9f)));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.fillRect((index * 7) % width, height / 3, width / 8, height / 3);
        g.setFont(new Font(Font.MONOSPACED, Font.BOLD, Math.max(10, height / 6)));
        g.drawString(Integer.toString(index), width / 10, height - height / 8);
        g.dispose();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.8f);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** {@code samples} of a 440 Hz tone, mono 16-bit PCM, starting at sample {@code first}. */
    public static byte[] tone(long first, int samples, int rate) {
        byte[] pcm = new byte[samples * 2];
        for (int i = 0; i < samples; i++) {
            short v = (short) (8000 * Math.sin(2 * Math.PI * 440 * (first + i) / rate));
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        return pcm;
    }

    /** The header of an MJPEG (stream 1) + PCM (stream 2) file. */
    public static AsfHeader mjpegPcmHeader(int width, int height, int rate, int packetSize, long preroll) {
        FileProperties fp = new FileProperties(Guid.random(), 0, 0, 0, 0, 0, preroll, FileProperties.BROADCAST,
                packetSize, packetSize, 2_000_000);
        return AsfHeader.of(List.of(fp, HeaderExtension.empty(),
                StreamProperties.video(1, VideoFormat.of("MJPG", width, height, 24, new byte[0])),
                StreamProperties.audio(2, WaveFormat.pcm16(rate, 1))));
    }

    /**
     * Writes {@code frames} frames at {@code fps} with audio in 100 ms objects, through the
     * packetizer and the file writer.
     */
    public static void writeMjpegPcm(Path file, int frames, int fps, int width, int height, int packetSize)
            throws IOException, AsfFormatException {
        int rate = 22050;
        long preroll = 1000;
        AsfHeader header = mjpegPcmHeader(width, height, rate, packetSize, preroll);
        try (AsfFileWriter writer = AsfFileWriter.create(file, header)) {
            AsfFormatException[] failure = new AsfFormatException[1];
            Packetizer packetizer = Packetizer.builder().packetSize(packetSize).preroll(preroll)
                    .wholeObjectStreams(Set.of(2)).build(packet -> {
                        try {
                            writer.writePacket(packet);
                        } catch (IOException | AsfFormatException e) {
                            if (failure[0] == null) {
                                failure[0] = e instanceof AsfFormatException f ? f : null;
                            }
                            throw new IllegalStateException(e);
                        }
                    });
            long durationMs = frames * 1000L / fps;
            int nextFrame = 0;
            long nextAudioMs = 0;
            long sample = 0;
            while (nextFrame < frames || nextAudioMs < durationMs) {
                long frameMs = nextFrame * 1000L / fps;
                if (nextFrame < frames && (frameMs <= nextAudioMs || nextAudioMs >= durationMs)) {
                    packetizer.add(new MediaObject(1, frameMs + preroll, true, jpegFrame(nextFrame, width, height)));
                    nextFrame++;
                } else {
                    int samples = rate / 10;
                    packetizer.add(new MediaObject(2, nextAudioMs + preroll, true, tone(sample, samples, rate)));
                    sample += samples;
                    nextAudioMs += 100;
                }
            }
            packetizer.flush();
        }
    }

    /** A small file of 20 frames, as bytes (a fuzzing seed). */
    public static byte[] smallMjpegPcmFile() throws IOException, AsfFormatException {
        Path file = Files.createTempFile("asfcast-seed", ".asf");
        try {
            writeMjpegPcm(file, 20, 10, 64, 48, 800);
            return Files.readAllBytes(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
