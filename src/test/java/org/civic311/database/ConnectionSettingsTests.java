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
    }
}
