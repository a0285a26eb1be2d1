package org.civic311.staff;

import java.util.Locale;
import java.util.Set;
import org.civic311.common.InvalidInputException;

/**
 * What a staff password must be (OWASP ASVS 2.1): long rather than complicated, any characters allowed, and not one
 * of the passwords every attacker tries first.
 */
final class PasswordRules {

    static final int MIN_LENGTH = 12;
    /** bcrypt reads the first 72 bytes of a password and refuses longer ones. */
    static final int MAX_BYTES = 72;

    /** Passwords of twelve characters or more that lead the published lists of breached passwords. */
    private static final Set<String> COMMON = Set.of(
            "123456789012",
            "1234567890123",
            "12345678910",
            "password1234",
            "password12345",
            "password123456",
            "passwordpassword",
            "qwertyuiop12",
            "qwertyuiopasdf",
            "qwertyuiopasdfghjkl",
            "1q2w3e4r5t6y",
            "1qaz2wsx3edc",
            "zaq12wsxcde3",
            "iloveyou1234",
            "letmein12345",
            "welcome12345",
            "administrator",
            "administrator1",
            "changeme1234",
            "trustno1trustno1",
            "abcdefghijkl",
            "abc123abc123",
            "monkey123456",
            "football1234",
            "baseball1234",
            "sunshine1234",
            "princess1234",
            "starwars1234",
            "superman1234",
            "michael12345",
            "asdfghjkl123",
            "123qweasdzxc");

    private PasswordRules() {}

    /**
     * @throws InvalidInputException naming the password field and the rule it breaks
     */
    static void check(String username, String password) {
        if (password.length() < MIN_LENGTH) {
            throw new InvalidInputException("password", "must have at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidInputException(
                    "password", "must have at most " + MAX_BYTES + " bytes (72 letters, fewer in other scripts)");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (username.length() >= 3 && lower.contains(username.toLowerCase(Locale.ROOT))) {
            throw new InvalidInputException("password", "must not contain the user name");
        }
        if (COMMON.contains(lower)) {
            throw new InvalidInputException("password", "is one of the most common passwords; choose another");
        }
        if (lower.codePoints().distinct().count() < 5) {
            throw new InvalidInputException("password", "repeats too few characters; choose a less regular one");
        }
    }
}
