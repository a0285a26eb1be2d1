package org.civic311.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civic311.staff.SignInTests.location;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A staff member may turn on two-step sign-in; then a password alone opens nothing, and each code works once. */
@Civic311Test
class TwoStepSignInTests {

    private static final String PASSWORD = "a long and private passphrase";

    @LocalServerPort
    int port;

    @Autowired
    StaffDirectory directory;

    @Test
    void aMemberWithTwoStepSignInNeedsAFreshCodeEveryTime() {
        String username = account();
        Http desk = Http.browser(port);
        assertThat(location(desk.signIn(username, PASSWORD, null))).endsWith("/staff");
        Http.Response offered =
                desk.postForm("/staff/profile/two-step", List.of(Map.entry("_csrf", desk.csrf("/staff/profile"))));
        var key = Pattern.compile("secret=([A-Z2-7]{32})").matcher(offered.body());
        assertThat(key.find()).isTrue();
        String secret = key.group(1);
        long step = Totp.step(Instant.now());
        // Someone else signed in with the password alone, which is why it is being turned on.
        Http intruder = Http.browser(port);
        assertThat(location(intruder.signIn(username, PASSWORD, null))).endsWith("/staff");
        desk.postForm(
                "/staff/profile/two-step/confirm",
                List.of(
                        Map.entry("currentPassword", PASSWORD),
                        Map.entry("secret", secret),
                        Map.entry("code", Totp.code(secret, step)),
                        Map.entry("_csrf", desk.csrf("/staff/profile"))));
        assertThat(directory.twoStepOn(username)).isTrue();
        assertThat(intruder.get("/staff/profile").status())
                .as("the session opened with the password alone has ended")
                .isEqualTo(302);
        assertThat(desk.get("/staff/profile").status())
                .as("the owner's goes on")
                .isEqualTo(200);

        assertThat(location(Http.browser(port).signIn(username, PASSWORD, null)))
                .as("the password alone")
                .endsWith("/login?error");
        assertThat(location(Http.browser(port).signIn(username, PASSWORD, Totp.code(secret, step))))
                .as("the code already used to turn it on")
                .endsWith("/login?error");
        String next = Totp.code(secret, step + 1);
        assertThat(location(Http.browser(port).signIn(username, PASSWORD, next)))
                .endsWith("/staff");
        assertThat(location(Http.browser(port).signIn(username, PASSWORD, next)))
                .as("the same code again")
                .endsWith("/login?error");
        assertThat(new Http(port).as(username, PASSWORD).get("/api/v1/requests").status())
                .as("the staff API cannot skip the second step")
                .isEqualTo(401);
        desk.postForm(
                "/staff/profile/two-step/confirm",
                List.of(
                        Map.entry("currentPassword", PASSWORD),
                        Map.entry("secret", Totp.newSecret()),
                        Map.entry("code", "123456"),
                        Map.entry("_csrf", desk.csrf("/staff/profile"))));
        assertThat(desk.get("/staff/profile").body())
                .as("the codes cannot be moved to another app without turning it off")
                .contains("already on");
    }

    @Test
    void aWrongConfirmationCodeLeavesTwoStepSignInOff() {
        String username = account();
        Http desk = Http.browser(port);
        desk.signIn(username, PASSWORD, null);

        desk.postForm(
                "/staff/profile/two-step/confirm",
                List.of(
                        Map.entry("currentPassword", PASSWORD),
                        Map.entry("secret", Totp.newSecret()),
                        Map.entry("code", "000000"),
                        Map.entry("_csrf", desk.csrf("/staff/profile"))));

        assertThat(directory.twoStepOn(username)).isFalse();
        assertThat(desk.get("/staff/profile").body()).contains("does not match");
    }

    @Test
    void aMemberChangesTheirPasswordOnlyWithTheCurrentOneAndWithinTheRules() {
        String username = account();
        Http desk = Http.browser(port);
        desk.signIn(username, PASSWORD, null);

        desk.postForm("/staff/profile/password", passwordForm(desk, "not the password", "another long passphrase"));
        assertThat(desk.get("/staff/profile").body()).contains("currentPassword is not right");
        desk.postForm("/staff/profile/password", passwordForm(desk, PASSWORD, "password1234"));
        assertThat(desk.get("/staff/profile").body()).contains("most common");
        Http api = new Http(port).as(username, PASSWORD);
        assertThat(api.get("/api/v1/requests/SR-NONE").status()).isEqualTo(404);
        desk.postForm("/staff/profile/password", passwordForm(desk, PASSWORD, "another long passphrase"));
        assertThat(desk.get("/staff/profile").body()).contains("Password changed.");
        assertThat(api.get("/api/v1/requests/SR-NONE").status())
                .as("the API remembers no password that was changed")
                .isEqualTo(401);

        assertThat(location(Http.browser(port).signIn(username, PASSWORD, null)))
                .endsWith("/login?error");
        assertThat(location(Http.browser(port).signIn(username, "another long passphrase", null)))
                .endsWith("/staff");
    }

    @Test
    void anOpenSessionCannotGuessThePasswordWithoutLimitNorTieTheAccountToAnotherApp() {
        String username = account();
        Http desk = Http.browser(port);
        desk.signIn(username, PASSWORD, null);
        desk.postForm("/staff/profile/two-step", List.of(Map.entry("_csrf", desk.csrf("/staff/profile"))));
        String secret = Totp.newSecret();
        desk.postForm(
                "/staff/profile/two-step/confirm",
                List.of(
                        Map.entry("currentPassword", "a guess"),
                        Map.entry("secret", secret),
                        Map.entry("code", Totp.code(secret, Totp.step(Instant.now()))),
                        Map.entry("_csrf", desk.csrf("/staff/profile"))));
        assertThat(directory.twoStepOn(username)).as("not without the password").isFalse();

        for (int i = 0; i < 5; i++) {
            desk.postForm("/staff/profile/password", passwordForm(desk, "guess " + i, "another long passphrase"));
        }
        desk.postForm("/staff/profile/password", passwordForm(desk, PASSWORD, "another long passphrase"));
        assertThat(desk.get("/staff/profile").body())
                .contains("currentPassword was given wrongly too often; wait a few minutes and try again")
                .doesNotContain("Password changed.");
    }

    private static List<Map.Entry<String, String>> passwordForm(Http desk, String current, String replacement) {
        return List.of(
                Map.entry("currentPassword", current),
                Map.entry("password", replacement),
                Map.entry("confirmation", replacement),
                Map.entry("_csrf", desk.csrf("/staff/profile")));
    }

    private String account() {
        String username = "t" + UUID.randomUUID().toString().substring(0, 8);
        directory.register(
                new StaffMember(username, "Test Agent", "311 Agent", Set.of(Role.AGENT), "toronto.ca", null, null),
                PASSWORD);
        return username;
    }
}
