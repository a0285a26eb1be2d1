package org.civic311.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.civic311.support.Civic311Test;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@Civic311Test
class DurableStorageTests {

    @Autowired
    JdbcClient jdbc;

    @Test
    void theEmbeddedServerFlushesEveryCommitToDisk() {
        assertThat(setting("fsync")).isEqualTo("on");
        assertThat(setting("synchronous_commit")).isEqualTo("on");
        assertThat(setting("full_page_writes")).isEqualTo("on");
    }

    @Test
    void itIsPostgreSql17() {
        assertThat(setting("server_version")).startsWith("17.");
    }

    private String setting(String name) {
        return jdbc.sql("select current_setting(:name)")
                .param("name", name)
                .query(String.class)
                .single();
    }
}
