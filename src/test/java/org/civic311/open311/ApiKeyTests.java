package org.civic311.open311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.civic311.common.InvalidInputException;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Administrators issue, rotate and revoke the keys Open311 clients need; only digests are kept. */
@Civic311Test
class ApiKeyTests {

    private static final String CITY = "toronto.ca";

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys keys;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anIssuedKeyCreatesRequestsAndIsStoredOnlyAsADigest() {
        ApiKey.Issued issued = keys.issue(CITY, "Fix-it app", null, "admin");

        assertThat(issued.secret()).startsWith("c311_").hasSizeGreaterThan(40);
        assertThat(new Open311Fixture(port)
                        .postPothole("json", "api_key", issued.secret())
                        .status())
                .isEqualTo(200);
        String stored = jdbc.sql("select row_to_json(k)::text from open311_api_key k where id = :id")
                .param("id", issued.key().id())
                .query(String.class)
                .single();
        assertThat(stored)
                .doesNotContain(issued.secret())
                .doesNotContain(issued.secret().substring(12));
        assertThat(issued.key().prefix()).isEqualTo(issued.secret().substring(0, 11));
    }

    @Test
    void aPostRetriedWithTheSameIdempotencyKeyAfterARotationFilesNothingMore() {
        ApiKey.Issued first = keys.issue(CITY, "Mobile app", null, "admin");
        Open311Fixture retrying =
                new Open311Fixture(new Http(port).header("Idempotency-Key", "retry-" + java.util.UUID.randomUUID()));
        String filed = Open311Fixture.json(retrying.postPothole("json", "api_key", first.secret()))
                .get(0)
                .get("token")
                .asString();

        ApiKey.Issued second = keys.rotate(CITY, first.key().id(), "admin");
        ApiKey.Issued third = keys.rotate(CITY, second.key().id(), "admin");
        String retried = Open311Fixture.json(retrying.postPothole("json", "api_key", third.secret()))
                .get(0)
                .get("token")
                .asString();

        assertThat(retried).as("the retry answers with the first try's request").isEqualTo(filed);
        assertThat(keys.clientId(keys.key(CITY, third.key().id())))
                .isEqualTo(first.key().id());
        ApiKey.Issued otherClient = keys.issue(CITY, "Another app", null, "admin");
        assertThat(keys.clientId(otherClient.key())).isEqualTo(otherClient.key().id());
    }

    @Test
    void aRotatedKeyKeepsWorkingForItsGracePeriodBesideItsReplacement() {
        ApiKey.Issued old = keys.issue(CITY, "Partner CRM", 50, "admin");

        ApiKey.Issued replacement = keys.rotate(CITY, old.key().id(), "admin");

        ApiKey rotated = keys.key(CITY, old.key().id());
        assertThat(rotated.replacedBy()).isEqualTo(replacement.key().id());
        assertThat(Duration.between(replacement.key().createdAt(), rotated.revokedAt()))
                .isBetween(Duration.ofHours(23), Duration.ofHours(25));
        assertThat(replacement.key().label()).isEqualTo("Partner CRM");
        assertThat(replacement.key().callsPerMinute()).isEqualTo(50);
        Open311Fixture open311 = new Open311Fixture(port);
        assertThat(open311.postPothole("json", "api_key", old.secret()).status())
                .isEqualTo(200);
        assertThat(open311.postPothole("json", "api_key", replacement.secret()).status())
                .isEqualTo(200);
        assertThatThrownBy(() -> keys.rotate(CITY, old.key().id(), "admin"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("already rotated");
        keys.revoke(CITY, old.key().id(), "admin");
        assertThat(open311.postPothole("json", "api_key", old.secret()).status())
                .as("revoking a rotated key ends its grace period")
                .isEqualTo(403);
        assertThat(open311.postPothole("json", "api_key", replacement.secret()).status())
                .isEqualTo(200);
    }

    @Test
    void aRevokedKeyIsRefusedAtOnce() {
        ApiKey.Issued issued = keys.issue(CITY, "Leaked key", null, "admin");
        Open311Fixture open311 = new Open311Fixture(port);
        assertThat(open311.postPothole("json", "api_key", issued.secret()).status())
                .isEqualTo(200);

        keys.revoke(CITY, issued.key().id(), "admin");

        Http.Response refused = open311.postPothole("json", "api_key", issued.secret());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("api_key is not valid");
    }

    @Test
    void aKeyWorksOnlyInItsOwnJurisdiction() {
        ApiKey.Issued issued = keys.issue(CITY, "Toronto only", null, "admin");

        assertThatThrownBy(() -> keys.revoke("elsewhere.example", issued.key().id(), "admin"))
                .hasMessageContaining("was not found");
        assertThat(keys.keys("elsewhere.example")).isEmpty();
    }

    @Test
    void anAdministratorIssuesAKeyOnTheirScreenAndSeesItOnlyOnce() {
        Http admin = Http.browser(port);
        assertThat(admin.signIn("admin", "civic311-demo", null).status()).isEqualTo(302);

        Http.Response issued = admin.postForm(
                "/staff/admin/api-keys",
                List.of(
                        Map.entry("label", "<b>Bike lane app</b>"),
                        Map.entry("callsPerMinute", "30"),
                        Map.entry("_csrf", admin.csrf("/staff/admin/api-keys"))));

        assertThat(issued.status()).isEqualTo(200);
        var secret = Pattern.compile("c311_[A-Za-z0-9_-]{43}").matcher(issued.body());
        assertThat(secret.find()).isTrue();
        assertThat(issued.body()).contains("&lt;b&gt;Bike lane app&lt;/b&gt;").doesNotContain("<b>Bike lane app");
        assertThat(new Open311Fixture(port)
                        .postPothole("json", "api_key", secret.group())
                        .status())
                .isEqualTo(200);
        String later = admin.get("/staff/admin/api-keys").body();
        assertThat(later).contains("Bike lane app").doesNotContain(secret.group());
    }

    @Test
    void aBadLimitIsRefusedNamingTheField() {
        Http admin = Http.browser(port);
        admin.signIn("admin", "civic311-demo", null);

        Http.Response refused = admin.postForm(
                "/staff/admin/api-keys",
                List.of(
                        Map.entry("label", "Some app"),
                        Map.entry("callsPerMinute", "lots"),
                        Map.entry("_csrf", admin.csrf("/staff/admin/api-keys"))));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("callsPerMinute");
    }

    @Test
    void onlyAdministratorsReachTheKeys() {
        Http supervisor = Http.browser(port);
        supervisor.signIn("supervisor", "civic311-demo", null);

        assertThat(supervisor.get("/staff/admin/api-keys").status()).isEqualTo(403);
        assertThat(supervisor.get("/staff").body()).doesNotContain("/staff/admin/api-keys");
    }
}
