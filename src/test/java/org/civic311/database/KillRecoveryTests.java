package org.civic311.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.civic311.support.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Civic311 killed with SIGKILL leaves its PostgreSQL running on the data directory; the next start must deal with
 * that orphan and find every request that was acknowledged.
 */
class KillRecoveryTests {

    @TempDir
    Path directory;

    Process app;

    @AfterEach
    void stop() {
        Civic311Process.stop(app);
    }

    @Test
    void theNextStartAfterAKillFindsTheAcknowledgedRequests() throws Exception {
        int port = Civic311Process.freePort();
        Http http = new Http(port);
        app = start(port);
        Http.Response created = http.postForm(
                "/open311/v2/requests.json",
                List.of(
                        java.util.Map.entry("api_key", "demo-key"),
                        java.util.Map.entry("service_code", "SWLMALB-02"),
                        java.util.Map.entry("address_string", "41 Elm Ave")));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String token = created.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");

        app.destroyForcibly();
        app.waitFor();
        Optional<ProcessHandle> orphan = postmaster();
        assertThat(orphan).as("the postmaster outlives the killed application").isPresent();
        assertThat(orphan.get().isAlive()).isTrue();

        app = start(port);
        Http.Response found = http.get("/open311/v2/tokens/" + token + ".json");
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        assertThat(orphan.get().isAlive()).as("the orphan was stopped").isFalse();
    }

    private Process start(int port) throws IOException {
        return Civic311Process.start(directory, port, List.of("--civic311.database.embedded.port=0"));
    }

    private Optional<ProcessHandle> postmaster() throws IOException {
        Path pid = directory.resolve("pg").resolve("postmaster.pid");
        if (!Files.exists(pid)) {
            return Optional.empty();
        }
        return ProcessHandle.of(
                Long.parseLong(Files.readAllLines(pid).getFirst().trim()));
    }
}
