package org.civic311.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.civic311.support.Civic311Test;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@Civic311Test
class ConnectionSettingsTests {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aTransactionLeftIdleByAFrozenInstanceIsEndedByTheDatabaseRatherThanHoldingItsLocks() {
        assertThat(jdbc.sql("show idle_in_transaction_session_timeout")
                        .query(String.class)
                        .single())
                .isEqualTo("5min");
        assertThat(jdbc.sql("show log_error_verbosity").query(String.class).single())
                .as("the embedded server's log, passed into the application's, says no DETAIL (a row refused)")
                .isEqualTo("terse");
    }

    @Autowired
    org.flywaydb.core.Flyway flyway;

    @Test
    void anUpgradesMigrationsCommitTogetherSoThatOneFailingLeavesTheSchemaTheReleaseBeforeStartsOn() {
        assertThat(flyway.getConfiguration().isGroup()).isTrue();
    }

    @Autowired
    javax.sql.DataSource dataSource;

    @Test
    void aRefusedStatementsErrorNeverCarriesTheRowItRefusedWhichMayHoldAResidentsDetails() throws Exception {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            statement.execute("create temporary table reporter_like (name text not null, email text)");
            org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                            statement.execute("insert into reporter_like values (null, 'maria.lopez@example.org')"))
                    .isInstanceOf(java.sql.SQLException.class)
                    .hasMessageContaining("violates not-null constraint")
                    .satisfies(e -> assertThat(e.toString()).doesNotContain("maria.lopez@example.org"));
        }
    }
}
