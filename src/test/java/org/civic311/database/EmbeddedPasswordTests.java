package org.civic311.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.civic311.support.Civic311Test;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Nobody else on the machine reads the embedded database: every connection gives the password kept for it. */
@Civic311Test
class EmbeddedPasswordTests {

    @Autowired
    DataSource dataSource;

    @Autowired
    EmbeddedDatabaseProperties properties;

    @Test
    void aConnectionWithoutThePasswordIsRefusedAndThePasswordIsTheServiceAccountsAlone() throws Exception {
        String url = ((HikariDataSource) dataSource).getJdbcUrl();
        assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", ""))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password");
        assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "not-the-password"))
                .isInstanceOf(SQLException.class);

        var file = EmbeddedPassword.fileOf(properties.dataDirectory());
        try (var connection = DriverManager.getConnection(
                url, "postgres", Files.readString(file).strip())) {
            assertThat(connection.isValid(2)).isTrue();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @Test
    void theInstanceIsLiveWhileItsEmbeddedDatabaseRuns() {
        org.civic311.support.Http.Response live = new org.civic311.support.Http(port).get("/actuator/health/liveness");
        assertThat(live.status()).isEqualTo(200);
    }
}
