package org.civic311.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.civic311.requests.ServiceRequests;
import org.civic311.support.Http;
import org.civic311.support.LimitedClients;
import org.civic311.support.Reports;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Each follow sends a message, so a client asking for many is told when to come back. */
@LimitedClients
class FollowRateLimitTests {

    @LocalServerPort
    int port;

    @Autowired
    ServiceRequests requests;

    @Test
    void aClientAskingToFollowTooOftenIsToldWhenToComeBack() {
        String id = Reports.binTagged(requests, "Tags on the bin");
        Http resident = Http.browser(port);
        String csrf = resident.csrf("/requests/" + id);
        for (int i = 0; i < 2; i++) {
            assertThat(resident.postForm(
                                    "/requests/" + id + "/follow",
                                    List.of(
                                            Map.entry("address", "pump-" + i + "@example.org"),
                                            Map.entry("_csrf", csrf)))
                            .status())
                    .isEqualTo(302);
        }

        Http.Response limited = resident.postForm(
                "/requests/" + id + "/follow", List.of(Map.entry("address", "4165550177"), Map.entry("_csrf", csrf)));

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 3600));
        assertThat(limited.body())
                .contains("Too many requests to follow from here")
                .as("the other language is the request's page, not the form's address, which has no page")
                .contains("href=\"/requests/" + id + "?lang=fr\"")
                .doesNotContain("/follow?lang=");
    }
}
