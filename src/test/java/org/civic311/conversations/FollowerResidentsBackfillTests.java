package org.civic311.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Map;
import javax.sql.DataSource;
import org.civic311.support.Civic311Test;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Followers filed from posts before request_follower.resident existed get their resident from the schema's migration,
 * checked on a database of their own migrated up to just before it, given such followers, then migrated on.
 */
@Civic311Test
class FollowerResidentsBackfillTests {

    @Autowired
    EmbeddedPostgres postgres;

    @Autowired
    Flyway flyway;

    @Test
    void followersFiledFromPostsBeforeTheirResidentWasKeptAreGivenItByTheMigration() throws java.sql.SQLException {
        JdbcClient server = JdbcClient.create(postgres.getPostgresDatabase());
        server.sql("drop database if exists backfill_check").update();
        server.sql("create database backfill_check").update();
        try {
            DataSource database = postgres.getDatabase("postgres", "backfill_check");
            migrate(database, "20261123.1940");
            // One connection, with the foreign keys' triggers off: the rows need no catalogue behind them.
            var connection =
                    new org.springframework.jdbc.datasource.SingleConnectionDataSource(database.getConnection(), true);
            JdbcClient jdbc = JdbcClient.create(connection);
            jdbc.sql("set session_replication_role = replica").update();
            long request = jdbc.sql(
                            """
                            insert into service_request (jurisdiction_id, public_id, token, service_code,
                                service_name, status_code, closed, channel, requested_at)
                            values ('toronto.ca', 'BF-1', gen_random_uuid(), 'CSROWR-12', 'Pothole', 'open', false,
                                'SOCIAL', now())
                            returning id""")
                    .query(Long.class)
                    .single();
            long inX = conversation(jdbc, "X", "x:lakeshore_lena", "x-thread-1");
            jdbc.sql("insert into conversation_message (conversation_id, direction, author, text, masked_text, at,"
                            + " external_id) values (:c, 'IN', 'Lakeshore_Lena', 'Pothole', 'Pothole', now(),"
                            + " '1869000000000000777')")
                    .param("c", inX)
                    .update();
            conversation(jdbc, "FEDIVERSE", "lena@mastodon.social", "dm-thread-9");
            follower(jdbc, request, "X", "1869000000000000777");
            follower(jdbc, request, "FEDIVERSE", "dm-thread-9");
            follower(jdbc, request, "X", "1869000000000000999");
            follower(jdbc, request, "EMAIL", "lena@example.org");

            connection.destroy();
            migrate(database, "latest");
            jdbc = JdbcClient.create(database);

            Map<String, String> residents = new java.util.HashMap<>();
            jdbc.sql("select address, resident from request_follower")
                    .query((rs, row) -> residents.put(rs.getString(1), rs.getString(2)))
                    .list();
            assertThat(residents)
                    .as("a reply to a post of hers, and her direct-message thread, are hers; the rest stay unknown")
                    .containsEntry("1869000000000000777", "x:lakeshore_lena")
                    .containsEntry("dm-thread-9", "lena@mastodon.social")
                    .containsEntry("1869000000000000999", null)
                    .containsEntry("lena@example.org", null);
        } finally {
            server.sql("drop database if exists backfill_check with (force)").update();
        }
    }

    private void migrate(DataSource database, String target) {
        Flyway.configure()
                .configuration(flyway.getConfiguration())
                .dataSource(database)
                .target(target)
                .load()
                .migrate();
    }

    private static long conversation(JdbcClient jdbc, String channel, String resident, String thread) {
        return jdbc.sql(
                        """
                        insert into conversation (jurisdiction_id, channel, resident, thread_key, created_at,
                            last_message_at)
                        values ('toronto.ca', :channel, :resident, :thread, now(), now())
                        returning id""")
                .param("channel", channel)
                .param("resident", resident)
                .param("thread", thread)
                .query(Long.class)
                .single();
    }

    private static void follower(JdbcClient jdbc, long request, String channel, String address) {
        jdbc.sql(
                        """
                        insert into request_follower (request_id, channel, address, unsubscribe_token, since)
                        values (:r, :channel, :address, gen_random_uuid(), now())""")
                .param("r", request)
                .param("channel", channel)
                .param("address", address)
                .update();
    }
}
