package org.civic311.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.civic311.support.Civic311Test;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A data directory made by another major version of PostgreSQL is refused with the way to carry it over. */
@Civic311Test
class ClusterVersionTests {

    @Autowired
    JdbcClient jdbc;

    @Test
    void theBundledMajorIsTheOneThatRuns() {
        assertThat(jdbc.sql("select current_setting('server_version_num')::int / 10000")
                        .query(Integer.class)
                        .single())
                .isEqualTo(ClusterVersion.BUNDLED_MAJOR);
    }

    @Test
    void aDirectoryMadeByAnotherMajorIsRefusedSayingHowToCarryItOver(@TempDir Path data) throws Exception {
        ClusterVersion.requireBundled(data);
        Files.writeString(data.resolve("PG_VERSION"), ClusterVersion.BUNDLED_MAJOR + "\n");
        ClusterVersion.requireBundled(data);

        Files.writeString(data.resolve("PG_VERSION"), "16\n");
        assertThatThrownBy(() -> ClusterVersion.requireBundled(data))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("was made by PostgreSQL 16")
                .hasMessageContaining("java -jar civic311.jar backup FILE");
    }
}
