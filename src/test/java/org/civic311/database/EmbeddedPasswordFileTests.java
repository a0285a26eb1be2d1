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
    void aNewClusterAsksForThePasswordFromItsFirstMomentBeforeCivic311LocksItDown() throws Exception {
        Path data = Path.of("target", "fresh-cluster-" + System.nanoTime()).toAbsolutePath();
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // Started as Civic311 starts it, but not yet given its pg_hba.conf: the window another local user had.
        try (var postgres = EmbeddedDatabaseConfiguration.builder(
                        new EmbeddedDatabaseProperties(data, port, java.time.Duration.ofSeconds(60), true), data)
                .start()) {
            String url = "jdbc:postgresql://localhost:" + port + "/postgres";
            assertThatThrownBy(() -> java.sql.DriverManager.getConnection(url, "postgres", ""))
                    .isInstanceOf(java.sql.SQLException.class)
                    .hasMessageContaining("password");
            try (var connection = java.sql.DriverManager.getConnection(
                    url, "postgres", Files.readString(EmbeddedPassword.fileOf(data)))) {
                assertThat(connection.isValid(2)).isTrue();
            }
        } finally {
            org.springframework.util.FileSystemUtils.deleteRecursively(data);
            Files.deleteIfExists(EmbeddedPassword.fileOf(data));
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
