package org.civic311.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;
import org.civic311.support.Http;
import org.civic311.support.LimitedClients;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Guessing passwords gains nothing: after a few failures sign-in waits, even for the right password, for the guesser
 * and not for the account's owner.
 */
@LimitedClients
class SignInTests {

    private static final String PASSWORD = "a long and private passphrase";

    @LocalServerPort
    int port;

    @Autowired
    StaffDirectory directory;

    @Autowired
    SignInAllowances allowances;

    @Autowired
    SignInProperties limits;

    @Autowired
    org.springframework.security.crypto.password.PasswordEncoder encoder;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void oneAddressGuessingAnAccountIsRefusedItEvenWithTheRightPasswordWhileItsOwnerElsewhereSignsIn() {
        String username = account();
        for (int i = 0; i < 3; i++) {
            assertThat(location(Http.browser(port).from("10.9.6.1").signIn(username, "wrong guess " + i, null)))
                    .endsWith("/login?error");
        }
        for (int i = 0; i < 5; i++) {
            assertThat(location(Http.browser(port).from("10.9.6.1").signIn(username, PASSWORD, null)))
                    .endsWith("/login?locked");
        }

        assertThat(location(Http.browser(port).from("10.9.6.2").signIn(username, PASSWORD, null)))
                .as("the guesser's refused tries do not count against the account")
                .endsWith("/staff");
    }

    @Test
    void anAccountGuessedFromManyAddressesIsLockedForAWhileEvenAgainstTheRightOne() {
        String username = account();
        for (int i = 0; i < 5; i++) {
            assertThat(location(Http.browser(port).from("10.9.1." + i).signIn(username, "wrong guess " + i, null)))
                    .endsWith("/login?error");
        }

        Http.Response locked = Http.browser(port).from("10.9.1.9").signIn(username, PASSWORD, null);

        assertThat(location(locked)).endsWith("/login?locked");
        assertThat(Http.browser(port).get("/login?locked").body()).contains("Too many failed sign-ins");
        assertThat(new Http(port).as(username, PASSWORD).get("/api/v1/requests").status())
                .as("the staff API is held to the same count")
                .isEqualTo(401);
    }

    @Test
    void whileGuessesFromManyAddressesHoldTheAccountItsOwnersOwnBrowserStillSignsIn() {
        String username = account();
        Http owner = Http.browser(port).from("10.9.4.1");
        assertThat(location(owner.signIn(username, PASSWORD, null))).endsWith("/staff");
        for (int i = 0; i < 5; i++) {
            Http.browser(port).from("10.9.4.1" + i).signIn(username, "wrong guess " + i, null);
        }
        assertThat(location(Http.browser(port).from("10.9.4.9").signIn(username, PASSWORD, null)))
                .as("a browser never signed in with is held, the right password or not")
                .endsWith("/login?locked");

        assertThat(location(owner.signIn(username, PASSWORD, null)))
                .as("the owner's browser, known from their last sign-in")
                .endsWith("/staff");
        assertThat(location(owner.signIn(username, "wrong guess", null)))
                .as("with the right password only")
                .endsWith("/login?error");
        assertThat(jdbc.sql("select count(*) from staff_known_device where username = :u")
                        .param("u", username)
                        .query(Integer.class)
                        .single())
                .as("kept as a digest of the cookie, never the cookie")
                .isEqualTo(2);

        // A browser that signed in with a password since changed is known no more (it may have been a thief's).
        directory.changePassword(username, PASSWORD, "another private passphrase");
        for (int i = 0; i < 5; i++) {
            Http.browser(port).from("10.9.4.2" + i).signIn(username, "wrong again " + i, null);
        }
        assertThat(location(owner.signIn(username, "another private passphrase", null)))
                .endsWith("/login?locked");
    }

    @Test
    void whileGuessesFromManyAddressesHoldTheAccountAnIntegrationAtItsOwnAddressStillSignsIn() {
        String username = account();
        Http integration = new Http(port).from("10.9.8.1").as(username, PASSWORD);
        assertThat(integration.get("/api/v1/followups").status()).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            Http.browser(port).from("10.9.8.1" + i).signIn(username, "wrong guess " + i, null);
        }
        // Its right password is remembered for a few minutes; a change to the account makes the next call check it.
        jdbc.sql("update staff_account set department_code = 'SWM' where username = :u")
                .param("u", username)
                .update();

        assertThat(new Http(port)
                        .from("10.9.8.9")
                        .as(username, PASSWORD)
                        .get("/api/v1/followups")
                        .status())
                .as("an address the account never signed in from is held, the right password or not")
                .isEqualTo(401);
        assertThat(integration.get("/api/v1/followups").status())
                .as("the integration's own address, known from its last sign-in")
                .isEqualTo(200);
        assertThat(new Http(port)
                        .from("10.9.8.1")
                        .as(username, "wrong guess")
                        .get("/api/v1/followups")
                        .status())
                .as("with the right password only")
                .isEqualTo(401);
    }

    @Test
    void anAddressGuessingAcrossManyAccountsIsLocked() {
        for (int i = 0; i < 6; i++) {
            Http.browser(port).from("10.9.2.1").signIn(account(), "wrong guess", null);
        }

        Http.Response locked = Http.browser(port).from("10.9.2.1").signIn(account(), PASSWORD, null);

        assertThat(location(locked)).endsWith("/login?locked");
        assertThat(location(Http.browser(port).from("10.9.2.2").signIn(account(), PASSWORD, null)))
                .endsWith("/staff");
    }

    @Test
    void aSuccessfulSignInClearsTheAccountsEarlierFailures() {
        String username = account();
        Http.browser(port).from("10.9.3.1").signIn(username, "wrong guess", null);
        Http.browser(port).from("10.9.3.1").signIn(username, "wrong guess", null);
        assertThat(location(Http.browser(port).from("10.9.3.1").signIn(username, PASSWORD, null)))
                .endsWith("/staff");

        Http.browser(port).from("10.9.3.1").signIn(username, "wrong guess", null);
        Http.browser(port).from("10.9.3.1").signIn(username, "wrong guess", null);

        assertThat(location(Http.browser(port).from("10.9.3.1").signIn(username, PASSWORD, null)))
                .endsWith("/staff");
    }

    @Test
    void guessesSentAllAtOnceAreCountedBeforeAnyIsChecked() throws Exception {
        String username = account();
        java.util.List<String> answers = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        try (var guessers = java.util.concurrent.Executors.newFixedThreadPool(10)) {
            for (int i = 0; i < 10; i++) {
                int n = i;
                guessers.submit(() -> answers.add(location(
                        Http.browser(port).from("10.9.4." + n).signIn(username, "concurrent guess " + n, null))));
            }
        }

        assertThat(answers).hasSize(10);
        assertThat(answers.stream().filter(answer -> answer.endsWith("/login?error")))
                .as("only as many passwords checked as the account allows")
                .hasSizeLessThanOrEqualTo(5);
    }

    @Test
    void guessesSpreadOverInstancesBehindALoadBalancerCountAgainstOneAllowance() {
        String username = account();
        for (int i = 0; i < 5; i++) {
            assertThat(location(Http.browser(port).from("10.9.7." + i).signIn(username, "wrong guess " + i, null)))
                    .endsWith("/login?error");
        }
        // Another instance: its own beans, the same database.
        StaffSignIn otherInstance = new StaffSignIn(
                directory,
                encoder,
                new SignInAllowances(jdbc, java.time.Clock.systemUTC()),
                limits,
                new KnownDevices(jdbc, java.time.Clock.systemUTC()),
                java.time.Clock.systemUTC());
        var tried =
                new org.springframework.security.authentication.UsernamePasswordAuthenticationToken(username, PASSWORD);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> otherInstance.authenticate(tried))
                .isInstanceOf(org.springframework.security.authentication.LockedException.class);
    }

    @Test
    void aUserNameMadeToLookLikeAnAccountAndAddressDrainsNothingOfTheirs() {
        String victim = account();
        for (int i = 0; i < 6; i++) {
            Http.browser(port).from("10.9.9.1").signIn(victim + " from 10.9.9.2", "wrong guess " + i, null);
        }
        assertThat(location(Http.browser(port).from("10.9.9.2").signIn(victim, PASSWORD, null)))
                .endsWith("/staff");
        assertThat(location(Http.browser(port).from("10.9.9.3").signIn("x".repeat(5000), "a guess", null)))
                .as("a name longer than any account's is a wrong guess, not an error")
                .endsWith("/login?error");
    }

    @Test
    void anAllowanceThatHasRefilledIsForgotten() {
        jdbc.sql(
                        """
                        insert into sign_in_allowance (key, capacity, per_second, tokens, at, granted) values
                            ('account refilled', 5, 5.0 / 900, 0, now() - interval '16 minutes', false),
                            ('account still counting', 5, 5.0 / 900, 0, now() - interval '1 minute', false)""")
                .update();

        allowances.forgetFull();

        assertThat(jdbc.sql(
                                "select key from sign_in_allowance where key in ('account refilled', 'account still counting')")
                        .query(String.class)
                        .list())
                .containsExactly("account still counting");
    }

    @Test
    void aPasswordLongerThanAnyStaffPasswordIsAWrongGuessNotAFailure() {
        String username = account();

        assertThat(location(Http.browser(port).from("10.9.5.1").signIn(username, "x".repeat(500), null)))
                .endsWith("/login?error");
        assertThat(new Http(port)
                        .from("10.9.5.2")
                        .as(username, "y".repeat(500))
                        .get("/api/v1/requests/SR-1")
                        .status())
                .isEqualTo(401);
    }

    private String account() {
        String username = "t" + UUID.randomUUID().toString().substring(0, 8);
        directory.register(
                new StaffMember(username, "Test Agent", "311 Agent", Set.of(Role.AGENT), "toronto.ca", null, null),
                PASSWORD);
        return username;
    }

    static String location(Http.Response response) {
        assertThat(response.status()).isEqualTo(302);
        return response.headers().firstValue("Location").orElseThrow();
    }
}
