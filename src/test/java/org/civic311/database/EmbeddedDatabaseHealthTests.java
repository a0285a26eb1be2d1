package org.civic311.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

/** An instance whose embedded database is gone is no longer live: only a restart brings the database back. */
class EmbeddedDatabaseHealthTests {

    @Test
    void liveWhileItsEmbeddedPostmasterRunsAndNotOnceItIsGone() throws Exception {
        Path data = Path.of("target", "health-cluster-" + System.nanoTime()).toAbsolutePath();
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EmbeddedDatabaseHealth health = new EmbeddedDatabaseHealth(data);
        try {
            var postgres = EmbeddedDatabaseConfiguration.builder(
                            new EmbeddedDatabaseProperties(data, port, java.time.Duration.ofSeconds(60), false), data)
                    .start();
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            postgres.close();
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.health().getDetails())
                    .containsEntry("reason", "the embedded PostgreSQL is not running: restart Civic311");
        } finally {
            org.springframework.util.FileSystemUtils.deleteRecursively(data);
            Files.deleteIfExists(EmbeddedPassword.fileOf(data));
        }
        assertThat(new EmbeddedDatabaseHealth((Path) null).health().getStatus())
                .as("an external database is readiness's concern")
                .isEqualTo(Status.UP);
    }
}
