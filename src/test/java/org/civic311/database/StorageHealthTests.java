package org.civic311.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.unit.DataSize;

/** A disk about to fill up is said before every report and photo fails to save on it. */
class StorageHealthTests {

    @TempDir
    Path directory;

    @Test
    void aDiskWithLessRoomThanTheMinimumIsDownNamingWhereAndOneWithRoomIsUp() {
        Path media = directory.resolve("media-not-made-yet");
        assertThat(new StorageHealth(media, directory, DataSize.ofBytes(1))
                        .health()
                        .getStatus())
                .isEqualTo(Status.UP);

        var full = new StorageHealth(media, directory, DataSize.ofTerabytes(1_000_000)).health();
        assertThat(full.getStatus()).isEqualTo(Status.DOWN);
        assertThat(full.getDetails().get("reason").toString())
                .contains("MB free under " + media.toAbsolutePath().normalize())
                .contains("will soon fail to save");
    }
}
