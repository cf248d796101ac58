package org.asfcast.cli.config;

import java.nio.file.Path;

/**
 * A folder of ASF files served on demand: {@code /<point>/<relative path>} is the file at that
 * path under the folder, which every player plays from the start, seeks in and resumes.
 *
 * @param folder absolute, resolved against the config file's folder; a readable directory when read
 */
public record OnDemandFolder(Path folder) implements PointSource {

    @Override
    public String describe() {
        return "on-demand " + folder;
    }
}
