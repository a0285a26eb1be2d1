package org.civic311.open311;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Each client's share of report creation: per key, and per address unless the key was trusted with more. */
class Open311LimitsTests {

    static final Open311Properties PROPERTIES =
            new Open311Properties("2026-11-22T00:00:00Z", "", "", "production", Duration.ofHours(24), 600, 3, 600);

    static ApiKey key(long id, Integer callsPerMinute) {
        return new ApiKey(id, "toronto.ca", "app", null, callsPerMinute, Instant.now(), null, null, null, null);
    }

    @Test
    void oneAddressIsHeldToItsLimitWhateverKeysItUses() {
        Open311Limits limits = new Open311Limits(PROPERTIES);
        for (int i = 0; i < 3; i++) {
            limits.post(key(i, null), "203.0.113.7");
        }
        assertThatThrownBy(() -> limits.post(key(9, null), "203.0.113.7"))
                .hasMessageContaining("requests created from this address");
    }

    @Test
    void aKeyTrustedWithMoreThanAnAddressMaySendIsHeldToItsOwnLimitInstead() {
        Open311Limits limits = new Open311Limits(PROPERTIES);
        ApiKey vendor = key(1, 5);
        for (int i = 0; i < 5; i++) {
            assertThatCode(() -> limits.post(vendor, "198.51.100.20")).doesNotThrowAnyException();
        }
        assertThatThrownBy(() -> limits.post(vendor, "198.51.100.20"))
                .hasMessageContaining("requests created with this api_key");
    }
}
