package org.civic311.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the log keeps of a failed send: logs outlive a resident's erasure, so they never name the resident. */
class OutboxLogTests {

    @Test
    void aProvidersRefusalIsLoggedWithoutTheNumberOrAddressItNames() {
        assertThat(Outbox.forLog("Twilio answered 400: The 'To' number +14165550123 is not a valid phone number."))
                .contains("Twilio answered 400", "is not a valid phone number")
                .doesNotContain("4165550123");
        assertThat(Outbox.forLog("550 5.1.1 <jo.resident@example.org>: Recipient address rejected"))
                .contains("Recipient address rejected")
                .doesNotContain("jo.resident@example.org");
    }
}
