package org.civic311.privacy;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retention how long personal data is kept once the record is finished (a request closed, a call ended, a
 *     message sent); the city's records schedule decides it, two years by default
 * @param logKey the secret with which the log of residents' data requests marks whom each was about (an HMAC of
 *     their address), so that an address can be checked against the log by whoever holds it, and never read back from
 *     the database alone; kept outside the database (the environment, a secrets store). Without it, the log says
 *     what was done, when and by whom, but not about whom.
 */
@ConfigurationProperties("civic311.privacy")
record PrivacyProperties(@DefaultValue("P730D") Duration retention, @Nullable String logKey) {

    /** The shortest key taken: an HMAC's key as strong as its SHA-256. */
    static final int MIN_KEY_LENGTH = 32;

    PrivacyProperties {
        if (logKey != null && logKey.isBlank()) {
            logKey = null;
        }
        if (logKey != null && logKey.length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException(
                    "civic311.privacy.log-key must be at least " + MIN_KEY_LENGTH + " characters");
        }
    }
}
