package org.civic311.staff;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Checks staff API credentials, remembering for a few minutes the ones that were right. The API is signed in on
 * every call (HTTP Basic), and a slow password hash on each of them would cost more than the call itself; only a
 * digest of the pair is kept, never the password, and a wrong password is never remembered.
 */
public final class RememberedCredentials implements AuthenticationProvider {

    static final Duration REMEMBER = Duration.ofMinutes(5);
    static final int MAX_REMEMBERED = 10_000;

    private final AuthenticationProvider checker;
    private final Clock clock;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    private final SignInState unchanged;

    private record Remembered(Authentication authentication, String state, Instant until) {}

    /**
     * What an account's sign-in depends on, as a digest: its password, second step, roles, whether it is enabled.
     * Any change to it gives another.
     */
    @FunctionalInterface
    public interface SignInState {
        String of(String username);
    }

    public RememberedCredentials(AuthenticationProvider checker, Clock clock) {
        this(checker, clock, username -> "");
    }

    /** Remembers right credentials only while the account's sign-in state is the same (a new password ends them). */
    public RememberedCredentials(AuthenticationProvider checker, Clock clock, SignInState unchanged) {
        this.checker = checker;
        this.clock = clock;
        this.unchanged = unchanged;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String key = digest(authentication.getName(), String.valueOf(authentication.getCredentials()));
        Instant now = clock.instant();
        Remembered known = remembered.get(key);
        // Read before the check: a change committing in between then makes the next call check again.
        String state = unchanged.of(authentication.getName());
        if (known != null && known.until().isAfter(now) && known.state().equals(state)) {
            return known.authentication();
        }
        if (known != null) {
            remembered.remove(key);
        }
        Authentication checked = checker.authenticate(authentication);
        if (checked != null && checked.isAuthenticated()) {
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered
                        .entrySet()
                        .removeIf(entry -> !entry.getValue().until().isAfter(now));
            }
            if (remembered.size() < MAX_REMEMBERED) {
                remembered.put(key, new Remembered(checked, state, now.plus(REMEMBER)));
            }
        }
        return checked;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String digest(String username, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(username.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
