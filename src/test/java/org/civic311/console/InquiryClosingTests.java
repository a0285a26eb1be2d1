package org.civic311.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * An inquiry that needs no callback (answered another way, withdrawn, taken by mistake) is closed by the agent who
 * took it, or their supervisor, with what became of it; one that waits for a callback is not, so no promise is
 * forgotten.
 */
@Civic311Test
class InquiryClosingTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    String inquiry(String question) {
        Http.Response created = new Http(port)
                .as("agent", "civic311-demo")
                .postJson(
                        "/api/v1/inquiries",
                        JSON.writeValueAsString(Map.of(
                                "question", question,
                                "callerName", "Ahmed Said",
                                "consent", true,
                                "callerPhone", "416-555-0166",
                                "preferredChannel", "PHONE",
                                "department", "SWM")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("reference").asString();
    }

    static Http signedIn(int port, String username) {
        Http desk = Http.browser(port);
        assertThat(desk.signIn(username, "civic311-demo", null).status()).isEqualTo(302);
        return desk;
    }

    static Http.Response close(Http desk, String reference, String resolution) {
        return desk.postForm(
                "/staff/inquiries/" + reference + "/close",
                List.of(Map.entry("resolution", resolution), Map.entry("_csrf", desk.csrf("/staff/profile"))));
    }

    @Test
    void theAgentWhoTookItClosesItWithWhatBecameOfItAndItLeavesTheirList() {
        String reference = inquiry("Can I leave my old fridge out with the bulky items?");
        Http sam = signedIn(port, "agent");
        assertThat(sam.get("/staff/inquiries/" + reference).body()).contains("Close it without a callback");

        Http jordan = signedIn(port, "agent2");
        assertThat(jordan.get("/staff/inquiries/" + reference).body()).doesNotContain("Close it without a callback");
        assertThat(close(jordan, reference, "Not mine to close").status()).isEqualTo(403);

        assertThat(close(sam, reference, " ").headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/staff/inquiries/" + reference));
        assertThat(sam.get("/staff/inquiries/" + reference).body()).contains("resolution is required");

        Http.Response closed = close(sam, reference, "The caller found the answer on the city's website.");
        assertThat(closed.status()).isEqualTo(302);
        assertThat(sam.get("/staff/inquiries").body()).contains("Inquiry " + reference + " is closed.");
        assertThat(sam.get("/staff/inquiries/" + reference).body())
                .contains("Closed", "The caller found the answer on the city&#39;s website.")
                .doesNotContain("Close it without a callback");
        assertThat(sam.get("/staff/inquiries").body()).doesNotContain(reference);
        assertThat(close(sam, reference, "Again").headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/staff/inquiries/" + reference));
    }

    @Test
    void aSupervisorClosesAnAgentsInquiryButOneWaitingForACallbackStaysOpen() {
        String withdrawn = inquiry("Who do I ask about a street party permit?");
        Http priya = signedIn(port, "supervisor");
        assertThat(close(priya, withdrawn, "Withdrawn: the caller will apply online.")
                        .status())
                .isEqualTo(302);

        String waiting = inquiry("Can the city collect a piano?");
        Http.Response escalated = new Http(port)
                .as("agent", "civic311-demo")
                .postJson("/api/v1/inquiries/" + waiting + "/escalations", "{\"person\":\"jmarchetti\"}");
        assertThat(escalated.status()).as(escalated.body()).isEqualTo(201);
        close(priya, waiting, "Closing it anyway");
        assertThat(priya.get("/staff/inquiries/" + waiting).body())
                .contains("waits for the callback promised to the caller")
                .contains("Escalated");
    }
}
