package org.asfcast.cli.config;

import java.nio.file.Path;

/**
 * An ASF file replayed in real time.
 *
 * @param file absolute, resolved against the config file's folder
 * @param loop replay forever, timestamps continuing (default false)
 */
public record FileSource(Path file, boolean loop) implements PointSource {

    @Override
    public String describe() {
        return "file " + file.getFileName() + (loop ? ", loop" : "");
    }
}
