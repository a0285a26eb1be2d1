package org.civic311.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The password beside the data directory: made once, kept, never silently replaced or left empty. */
class EmbeddedPasswordFileTests {

    @TempDir
    Path directory;

    @Test
    void aPasswordIsMadeOnceReadableByTheServiceAloneAndKept() throws Exception {
        Path data = directory.resolve("pg");
        String made = EmbeddedPassword.of(data);
        assertThat(made).hasSizeGreaterThanOrEqualTo(32);
        assertThat(EmbeddedPassword.of(data)).isEqualTo(made);
        Path file = directory.resolve("pg.password");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        try (var left = Files.list(directory)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("pg.password");
        }
    }

    @Test
    void aDataDirectoryThatAsksForAPasswordWhoseFileIsGoneIsRefusedNotGivenANewOne() throws Exception {
        Path data = Files.createDirectories(directory.resolve("pg"));
        Files.writeString(data.resolve("pg_hba.conf"), EmbeddedPassword.HBA);
        assertThatThrownBy(() -> EmbeddedPassword.of(data))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("which is missing. Put back the file");
        assertThat(directory.resolve("pg.password")).doesNotExist();
    }

    @Test
    void anEmptyPasswordFileIsRefusedRatherThanTakenForNoPassword() throws Exception {
        Path data = directory.resolve("pg");
        Files.writeString(directory.resolve("pg.password"), "\n");
        assertThatThrownBy(() -> EmbeddedPassword.of(data))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is empty");
        assertThat(EmbeddedPassword.asksForIt(data)).isFalse();
    }
}
