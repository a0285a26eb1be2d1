package org.civic311.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import javax.sql.DataSource;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Requests stored before descriptions were masked are published without their contact details once migrated. */
@Civic311Test
class PublicDescriptionMigrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ServiceRequests requests;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void aDescriptionStoredBeforeMaskingIsPublishedMaskedOnceMigrated() throws Exception {
        String id = org.civic311.support.Reports.binTagged(
                requests, "Tags on the bin. Call me at (416) 555-0143, about +1000 tags");
        // As a request stored before masking was: no public version of its description.
        jdbc.sql("update service_request set description_public = null where public_id = :id")
                .param("id", id)
                .update();
        String page = "/open311/v2/requests/" + id + ".json";
        assertThat(new Http(port).get(page).body()).contains("(416) 555-0143");

        try (Connection connection = dataSource.getConnection()) {
            assertThat(V20261123_0830__PublicDescriptionsWithoutContactDetails.migrate(connection))
                    .isPositive();
        }
        assertThat(new Http(port).get(page).body())
                .contains("Tags on the bin. Call me at [phone number], about +1000 tags")
                .doesNotContain("555-0143");
        assertThat(jdbc.sql("select description from service_request where public_id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .as("staff still read it")
                .contains("(416) 555-0143");
    }
}
