package org.civic311;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Background jobs run on virtual threads only where a wait inside a synchronized block no longer pins its carrier. */
class VirtualThreadsTests {

    @Test
    void virtualThreadsAreUsedFromJava24AndPlatformThreadsBefore() {
        assertThat(Civic311Application.virtualThreadsSafeOn(21)).isFalse();
        assertThat(Civic311Application.virtualThreadsSafeOn(23)).isFalse();
        assertThat(Civic311Application.virtualThreadsSafeOn(24)).isTrue();
        assertThat(Civic311Application.virtualThreadsSafeOn(25)).isTrue();
    }
}
