package org.asfcast.writer.source;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Draws the test pattern's frames and encodes them as JPEG (one MJPEG frame each): colour bars, a
 * bar sweeping across once a second, a white flash in the first 100 ms of each second (when the
 * beep sounds, to check sync by eye and ear), and the frame number, the media time and the wall
 * clock. Not thread-safe: one source thread uses it.
 */
final class PatternPicture implements AutoCloseable {
    private static final Color[] BARS = {Color.WHITE, Color.YELLOW, Color.CYAN, Color.GREEN, Color.MAGENTA,
        Color.RED, Color.BLUE, Color.DARK_GRAY};
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final int width;
    private final int height;
    private final int framesPerSecond;
    private final BufferedImage image;
    private final ImageWriter writer;
    private final ImageWriteParam param;
    private final Font font;

    PatternPicture(int width, int height, int framesPerSecond, float quality) {
        this.width = width;
        this.height = height;
        this.framesPerSecond = framesPerSecond;
        this.image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        this.writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        this.param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        this.font = new Font(Font.MONOSPACED, Font.BOLD, Math.max(9, height / 12));
    }

    /** Frame {@code index} as JPEG bytes, with the wall clock as it is now. */
    byte[] frame(long index) throws IOException {
        draw(index);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(width * height / 4);
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        }
        return bytes.toByteArray();
    }

    private void draw(long index) {
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            int barWidth = (width + BARS.length - 1) / BARS.length;
            for (int i = 0; i < BARS.length; i++) {
                g.setColor(BARS[i]);
                g.fillRect(i * barWidth, 0, barWidth, height * 2 / 3);
            }
            g.setColor(Color.BLACK);
            g.fillRect(0, height * 2 / 3, width, height - height * 2 / 3);

            long inSecond = index % framesPerSecond;
            int sweep = (int) (inSecond * width / framesPerSecond);
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(Math.max(2, width / 80f)));
            g.drawLine(sweep, 0, sweep, height * 2 / 3);
            if (inSecond * 1000 / framesPerSecond < 100) {
                g.setColor(Color.WHITE); // the flash that goes with the beep
                g.fillRect(width - height / 4, height * 2 / 3, height / 4, height - height * 2 / 3);
            }

            long mediaMillis = index * 1000 / framesPerSecond;
            g.setFont(font);
            g.setColor(Color.WHITE);
            int line = font.getSize() + 2;
            int y = height * 2 / 3 + line;
            g.drawString("frame " + index, 4, y);
            g.drawString(String.format("media %d.%03d s", mediaMillis / 1000, mediaMillis % 1000), 4, y + line);
            g.drawString("clock " + CLOCK.format(LocalTime.now()), 4, y + 2 * line);
        } finally {
            g.dispose();
        }
    }

    @Override
    public void close() {
        writer.dispose();
    }
}
