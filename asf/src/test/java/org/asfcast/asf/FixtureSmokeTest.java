package org.asfcast.asf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reads the small committed FFmpeg-made fixture (see fixtures/README.md) end to end. */
class FixtureSmokeTest {
    static Path fixture() throws Exception {
        return Path.of(FixtureSmokeTest.class.getResource("/fixtures/ffmpeg-wmv2-wmav2.asf").toURI());
    }

    @Test
    void readsHeaderPacketsAndObjects() throws Exception {
        List<MediaObject> objects = new ArrayList<>();
        try (AsfReader reader = AsfReader.open(fixture())) {
            AsfHeader header = reader.header();
            assertThat(header.toBytes()).isEqualTo(reader.headerBytes());
            assertThat(header.packetSize()).isEqualTo(1000);
            assertThat(header.contentDescription()).map(ContentDescription::title).contains("Fixture");
            assertThat(header.streams()).hasSize(2);
            System.out.println(header);
            MediaObjectAssembler assembler = new MediaObjectAssembler(objects::add);
            Optional<DataPacket> packet;
            while ((packet = reader.nextPacket()).isPresent()) {
                assembler.accept(packet.get());
            }
            assertThat(assembler.droppedObjects()).isZero();
            assertThat(reader.simpleIndexes()).hasSize(1);
        }
        assertThat(objects).isNotEmpty();
        objects.forEach(System.out::println);
    }
}
