package org.civic311.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TotpTests {

    /** RFC 6238's SHA-1 secret, "12345678901234567890", in Base32. */
    private static final String RFC_SECRET = Totp.base32("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    @Test
    void codesMatchTheTestVectorsOfRfc6238() {
        // The RFC lists eight digits; authenticator apps show the last six.
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(59)))).isEqualTo("287082");
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(1111111109))))
                .isEqualTo("081804");
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(2000000000))))
                .isEqualTo("279037");
    }

    @Test
    void aCodeFromTheNeighbouringStepIsAcceptedForClockDriftButNotOlder() {
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        long step = Totp.step(now);

        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step - 1), now))
                .hasValue(step - 1);
        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step + 1), now))
                .hasValue(step + 1);
        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step - 3), now))
                .isEmpty();
        assertThat(Totp.matchingStep(RFC_SECRET, "12345", now)).isEmpty();
        assertThat(Totp.matchingStep(RFC_SECRET, "abcdef", now)).isEmpty();
    }

    @Test
    void secretsRoundTripThroughBase32() {
        String secret = Totp.newSecret();

        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(Totp.base32(Totp.unbase32(secret))).isEqualTo(secret);
        assertThat(Totp.uri("Civic311", "r smith", secret))
                .startsWith("otpauth://totp/Civic311:r%20smith?secret=" + secret)
                .contains("issuer=Civic311");
    }
}
