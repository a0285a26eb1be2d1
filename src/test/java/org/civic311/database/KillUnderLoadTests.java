package org.civic311.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.civic311.support.Http;
import org.civic311.support.TestMailServer;
import org.civic311.support.WebhookSignatures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * Civic311 killed with SIGKILL in the middle of a load of Open311 reports, texted messages, callback promises and
 * status updates: after the restart every item that was acknowledged is there exactly once, and every update whose
 * change was acknowledged reaches its follower, as one message.
 */
class KillUnderLoadTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String SMS_TOKEN = "kill-test-auth-token";
    static final String SMS_ACCOUNT = "AC00000000000000000000000000000311";

    @TempDir
    Path directory;

    Process app;

    @AfterEach
    void stop() {
        Civic311Process.stop(app);
    }

    @Test
    void everythingAcknowledgedBeforeTheKillIsThereOnceAndEveryUpdateIsSentAfterTheRestart() throws Exception {
        TestMailServer.start();
        int port = Civic311Process.freePort();
        int databasePort = Civic311Process.freePort();
        app = start(port, databasePort);

        ConcurrentLinkedQueue<String> tokens = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> texts = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> promises = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> updated = new ConcurrentLinkedQueue<>();
        AtomicBoolean killed = new AtomicBoolean();
        AtomicInteger sequence = new AtomicInteger();
        Http resident = new Http(port);
        Http agent = new Http(port).as("agent", "civic311-demo");
        Http supervisor = new Http(port).as("supervisor", "civic311-demo");
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        try (ExecutorService load = Executors.newFixedThreadPool(7)) {
            for (int t = 0; t < 6; t++) {
                int kind = t % 3;
                load.submit(() -> {
                    while (!killed.get()) {
                        int n = sequence.incrementAndGet();
                        try {
                            switch (kind) {
                                case 0 -> tokens.add(report(resident, n));
                                case 1 -> text(resident, port, n).ifPresent(texts::add);
                                default -> promises.add(promise(agent, n));
                            }
                        } catch (IllegalStateException cutShort) {
                            // The kill cuts calls short: only answers received count as acknowledged.
                        } catch (Throwable e) {
                            if (!killed.get()) {
                                failures.add(e);
                            }
                        }
                    }
                });
            }
            // Staff move reported requests on while the load runs; each acknowledged change notifies the reporter.
            load.submit(() -> {
                while (!killed.get()) {
                    try {
                        updateOne(resident, supervisor, tokens, updated).ifPresent(updated::add);
                    } catch (IllegalStateException cutShort) {
                        // As above.
                    } catch (Throwable e) {
                        if (!killed.get()) {
                            failures.add(e);
                        }
                    }
                }
            });
            try {
                await().atMost(Duration.ofSeconds(90)).until(() -> {
                    if (!failures.isEmpty()) {
                        throw new AssertionError("the load failed before the kill", failures.peek());
                    }
                    return tokens.size() >= 20 && texts.size() >= 20 && promises.size() >= 10 && updated.size() >= 5;
                });
                app.destroyForcibly();
                app.waitFor();
            } finally {
                killed.set(true);
            }
        }

        app = start(port, databasePort);
        try (Connection db = DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + databasePort + "/civic311",
                "postgres",
                java.nio.file.Files.readString(directory.resolve("pg.password")).strip())) {
            for (String token : tokens) {
                assertThat(count(db, "select count(*) from service_request where token::text = ?", token))
                        .as("request with token %s", token)
                        .isEqualTo(1);
            }
            for (String sid : texts) {
                assertThat(count(db, "select count(*) from conversation_message where external_id = ?", sid))
                        .as("text %s", sid)
                        .isEqualTo(1);
            }
            for (long promise : promises) {
                assertThat(count(db, "select count(*) from callback_promise where id = ?", promise))
                        .as("callback promise %d", promise)
                        .isEqualTo(1);
            }
            String queued =
                    """
                    select count(*) from notification n join service_request r on n.request_id = r.id
                    where r.public_id = ? and n.idempotency_key like 'status:%'""";
            for (String id : updated) {
                // A kill between an update's commit and its listener leaves the event to be republished by the
                // restarted instance, which may queue the update a moment after it is ready.
                await().atMost(Duration.ofSeconds(30))
                        .alias("the update of " + id + " queued")
                        .until(() -> count(db, queued, id) >= 1);
                assertThat(count(db, queued, id))
                        .as("the update of %s is queued once", id)
                        .isEqualTo(1);
            }
            // The restarted instance sends what the killed one had not.
            await().atMost(Duration.ofSeconds(90))
                    .alias("every update sent")
                    .until(() -> count(
                                    db,
                                    "select count(*) from notification where recipient like 'kill-%' and sent_at is null")
                            == 0);
            Map<String, String> expected = messageIds(db);
            assertThat(expected).hasSizeGreaterThanOrEqualTo(updated.size());
            List<MimeMessage> received = new ArrayList<>();
            for (String recipient : expected.values()) {
                received.addAll(TestMailServer.to(recipient));
            }
            Set<String> ids = new HashSet<>();
            for (MimeMessage message : received) {
                ids.add(message.getMessageID());
            }
            // A mail handed to the server at the instant of the kill may be handed again after the restart with the
            // same Message-ID, which mail systems treat as one message; each update is one Message-ID.
            assertThat(ids).containsExactlyInAnyOrderElementsOf(expected.keySet());
        }
        assertThat(Files.readString(directory.resolve("app.log"))).doesNotContain("ERROR");
    }

    private static String report(Http resident, int n) {
        Http.Response created = resident.postForm(
                "/open311/v2/requests.json",
                List.of(
                        Map.entry("api_key", "demo-key"),
                        Map.entry("service_code", "SWLMALB-02"),
                        Map.entry("lat", String.valueOf(43.64 + (n % 97) * 0.0009)),
                        Map.entry("long", String.valueOf(-79.42 + (n % 89) * 0.0007)),
                        Map.entry("email", "kill-" + n + "@example.org"),
                        Map.entry("description", "Kill load " + n)));
        if (created.status() != 200) {
            throw new AssertionError(created.body());
        }
        return JSON.readTree(created.body()).get(0).get("token").asString();
    }

    private static java.util.Optional<String> text(Http resident, int port, int n) {
        String sid = "SMkill" + String.format("%028d", n);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", sid);
        form.put("AccountSid", SMS_ACCOUNT);
        form.put("From", "+1416555" + String.format("%04d", n % 10_000));
        form.put("To", "+14165550311");
        form.put("Body", "The streetlight outside 41 Elm Ave has been out for a week (" + n + ")");
        String signature = WebhookSignatures.twilio(SMS_TOKEN, "http://localhost:" + port + "/webhooks/sms", form);
        Http.Response answer = resident.header("X-Twilio-Signature", signature)
                .postForm("/webhooks/sms", List.copyOf(form.entrySet()));
        if (answer.status() != 200) {
            throw new AssertionError("text " + sid + ": " + answer.status() + " " + answer.body());
        }
        return java.util.Optional.of(sid);
    }

    private static long promise(Http agent, int n) {
        Http.Response inquiry = agent.postJson(
                "/api/v1/inquiries",
                JSON.writeValueAsString(Map.of(
                        "question",
                        "Who decides the collection calendar for lane " + n + "?",
                        "callerName",
                        "Caller " + n,
                        "callerPhone",
                        "416-555-0177",
                        "consent",
                        true,
                        "preferredChannel",
                        "PHONE",
                        "department",
                        "SWM")));
        if (inquiry.status() != 201) {
            throw new AssertionError(inquiry.body());
        }
        String reference = JSON.readTree(inquiry.body()).get("reference").asString();
        Http.Response promise = agent.postJson(
                "/api/v1/inquiries/" + reference + "/escalations",
                "{\"person\":\"jmarchetti\",\"deadline\":\"" + Instant.now().plus(Duration.ofDays(2)) + "\"}");
        if (promise.status() != 201) {
            throw new AssertionError(promise.body());
        }
        return JSON.readTree(promise.body()).get("id").asLong();
    }

    /** Moves an acknowledged report not moved yet to "in progress"; answers its tracking number once staff saw it done. */
    private static java.util.Optional<String> updateOne(
            Http resident,
            Http supervisor,
            ConcurrentLinkedQueue<String> tokens,
            ConcurrentLinkedQueue<String> updated) {
        for (String token : tokens) {
            Http.Response found = resident.get("/open311/v2/tokens/" + token + ".json");
            if (found.status() != 200) {
                continue;
            }
            String id =
                    JSON.readTree(found.body()).get(0).get("service_request_id").asString();
            if (updated.contains(id)) {
                continue;
            }
            // A neighbour an agent signed up on the phone follows it at once (the reporter's typed address waits for
            // its confirmation), so the update has someone to reach.
            Http.Response followed = supervisor.postJson(
                    "/api/v1/requests/" + id + "/followers",
                    "{\"channel\":\"email\",\"address\":\"kill-neighbour-" + id + "@example.org\"}");
            if (followed.status() != 204) {
                throw new AssertionError("follower of " + id + ": " + followed.status() + " " + followed.body());
            }
            Http.Response moved = supervisor.postJson(
                    "/api/v1/requests/" + id + "/transitions",
                    "{\"status\":\"in_progress\",\"publicNote\":\"A crew is on its way.\"}");
            if (moved.status() != 200) {
                throw new AssertionError("transition of " + id + ": " + moved.status() + " " + moved.body());
            }
            return java.util.Optional.of(id);
        }
        return java.util.Optional.empty();
    }

    /** Each queued message of the load (acknowledgements and updates), by the Message-ID it goes out with, and to whom. */
    private static Map<String, String> messageIds(Connection db) throws SQLException {
        Map<String, String> ids = new TreeMap<>();
        try (PreparedStatement query = db.prepareStatement(
                        "select idempotency_key, recipient from notification where recipient like 'kill-%'");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                ids.put(org.civic311.notifications.Replies.emailMessageId(rows.getString(1)), rows.getString(2));
            }
        }
        return ids;
    }

    private static int count(Connection db, String sql, Object parameter) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setObject(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static int count(Connection db, String sql) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql);
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private Process start(int port, int databasePort) throws IOException {
        return Civic311Process.start(
                directory,
                port,
                List.of(
                        "--civic311.database.embedded.port=" + databasePort,
                        "--civic311.jobs.outbox-interval=PT1S",
                        // A message the killed instance was sending is sent again once its lease ends.
                        "--civic311.notifications.lease=PT10S",
                        "--spring.mail.host=127.0.0.1",
                        "--spring.mail.port=" + TestMailServer.PORT,
                        "--civic311.inbox.sms.account-sid=" + SMS_ACCOUNT,
                        "--civic311.inbox.sms.auth-token=" + SMS_TOKEN,
                        "--civic311.open311.posts-per-minute-per-address=1000000",
                        "--civic311.open311.posts-per-minute-per-key=1000000"));
    }
}
