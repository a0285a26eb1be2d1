package org.civic311.staff;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The browsers staff have signed in with, each known by a random cookie whose digest is kept. Someone guessing an
 * account's password from many addresses uses up its sign-ins; its owner's own browser is still let in (with the right
 * password, and code), so guessing cannot lock an administrator out of their city.
 */
@Component
class KnownDevices {

    static final String COOKIE = "civic311_device";

    /** How long a browser stays known after the sign-in that made it so. */
    static final Duration KEPT = Duration.ofDays(180);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;

    KnownDevices(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Makes the browser known for the account; the cookie's value, to be sent back to it. */
    String remember(String username) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        // The account's browsers no longer known are let go of as it signs in again.
        jdbc.sql(
                        """
                        delete from staff_known_device d using staff_account a
                        where d.username = :username and a.username = d.username
                          and (d.created_at <= :since or d.created_at <= a.password_changed_at)""")
                .param("username", username)
                .param("since", Timestamp.from(clock.instant().minus(KEPT)))
                .update();
        jdbc.sql(
                        """
                        insert into staff_known_device (username, digest, created_at)
                        select username, :digest, :at from staff_account where username = :username
                        on conflict do nothing""")
                .param("username", username)
                .param("digest", digest(token))
                .param("at", Timestamp.from(clock.instant()))
                .update();
        return token;
    }

    /**
     * What stands for an integration of the staff API, which keeps no cookie: the address it signs in from. Not a
     * secret, and need not be one: it only lets the right password through guessing spread over other addresses,
     * still held to the limits of its own.
     */
    static String integrationAt(String address) {
        return "address " + address;
    }

    /**
     * Makes an integration's address known for the account, or known for longer: each sign-in of the staff API that
     * was right keeps it so.
     */
    void rememberIntegration(String username, String address) {
        jdbc.sql(
                        """
                        insert into staff_known_device (username, digest, created_at)
                        select username, :digest, :at from staff_account where username = :username
                        on conflict (username, digest) do update set created_at = excluded.created_at""")
                .param("username", username)
                .param("digest", digest(integrationAt(address)))
                .param("at", Timestamp.from(clock.instant()))
                .update();
    }

    /**
     * Whether the cookie the browser sent shows it signed in to the account within {@link #KEPT}, and since its
     * password or two-step sign-in last changed: a browser that signed in with a stolen password is known no more once
     * the owner changes it.
     */
    boolean known(String username, @Nullable String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return false;
        }
        return jdbc.sql(
                        """
                        select exists (select 1 from staff_known_device d join staff_account a using (username)
                                       where d.username = :username and d.digest = :digest and d.created_at > :since
                                         and (a.password_changed_at is null or d.created_at > a.password_changed_at))""")
                .param("username", username)
                .param("digest", digest(token))
                .param("since", Timestamp.from(clock.instant().minus(KEPT)))
                .query(Boolean.class)
                .single();
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
