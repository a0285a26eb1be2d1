package org.civic311.triage;

import static org.assertj.core.api.Assertions.assertThat;

import org.civic311.support.Http;
import org.civic311.support.LimitedClients;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@LimitedClients
class TriageRateLimitTests {

    @LocalServerPort
    int port;

    @Test
    void aClientThatCallsTooOftenIsToldWhenToComeBack() {
        Http http = new Http(port);
        for (int i = 0; i < 3; i++) {
            assertThat(http.postJson("/api/v1/triage", "{\"text\":\"pothole on Queen St\"}")
                            .status())
                    .isEqualTo(200);
        }
        Http.Response limited = http.postJson("/api/v1/triage", "{\"text\":\"pothole on Queen St\"}");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body()).contains("too many triage calls");
        assertThat(limited.headers().firstValue("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
    }
}
