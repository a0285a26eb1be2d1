package org.civic311.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimitTests {

    @Test
    void anIpv6ClientIsItsSlash64NetworkSoThatRotatingAddressesCountsAsOneClient() {
        assertThat(RateLimit.clientOf("2001:db8:85a3:1:aaaa::1"))
                .isEqualTo(RateLimit.clientOf("2001:db8:85a3:1:ffff:ffff:ffff:ffff"))
                .isEqualTo("v6:20010db885a30001::/64");
        assertThat(RateLimit.clientOf("2001:db8:85a3:2::1")).isNotEqualTo(RateLimit.clientOf("2001:db8:85a3:1::1"));
        assertThat(RateLimit.clientOf("203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void aClientPastItsAllowanceWaitsAtLeastASecond() {
        RateLimit limit = RateLimit.perMinute(2);
        assertThat(limit.take("a")).isEmpty();
        assertThat(limit.take("a")).isEmpty();
        assertThat(limit.take("a"))
                .hasValueSatisfying(wait -> assertThat(wait.toSeconds()).isBetween(1L, 60L));
        assertThat(limit.take("b")).isEmpty();
    }
}
