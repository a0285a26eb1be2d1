package org.civic311.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a start does with a postmaster.pid left behind, with a stand-in for PostgreSQL (a copy of sleep named
 * postgres): the real one is killed and recovered in {@link KillRecoveryTests}.
 */
class OrphanPostmasterTests {

    @TempDir
    Path directory;

    private Process impostor() throws Exception {
        Path postgres = Files.createDirectories(directory.resolve("bin")).resolve("postgres");
        if (!Files.exists(postgres)) {
            Files.copy(Path.of("/bin/sleep"), postgres);
            postgres.toFile().setExecutable(true);
        }
        return new ProcessBuilder(postgres.toString(), "60").start();
    }

    @Test
    void aPostgresServingAnotherDataDirectoryIsLeftRunningAndTheStalePidFileRemoved() throws Exception {
        Process other = impostor();
        try {
            Path data = Files.createDirectories(directory.resolve("pg"));
            Path elsewhere = Files.createDirectories(directory.resolve("another-cluster"));
            Files.writeString(data.resolve("postmaster.pid"), other.pid() + "\n" + elsewhere + "\n");

            OrphanPostmaster.clear(data, Duration.ofSeconds(5));

            assertThat(other.isAlive())
                    .as("after a reboot, the pid is another cluster's")
                    .isTrue();
            assertThat(data.resolve("postmaster.pid")).doesNotExist();
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void anOrphanOnThisDataDirectoryIsStoppedAndItsPidFileRemoved() throws Exception {
        Process orphan = impostor();
        try {
            Path data = Files.createDirectories(directory.resolve("pg"));
            Files.writeString(data.resolve("postmaster.pid"), orphan.pid() + "\n" + data + "\n");

            OrphanPostmaster.clear(data, Duration.ofSeconds(5));

            assertThat(orphan.isAlive()).isFalse();
            assertThat(data.resolve("postmaster.pid")).doesNotExist();
        } finally {
            orphan.destroyForcibly();
        }
    }
}
