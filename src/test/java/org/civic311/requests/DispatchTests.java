package org.civic311.requests;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.civic311.catalog.Catalog;
import org.civic311.catalog.CatalogEditor;
import org.civic311.catalog.RoutingRuleForm;
import org.civic311.support.Civic311ClockTest;
import org.civic311.support.MutableClock;
import org.civic311.support.TestMailServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Requests routed out of Civic311: by email to a department's address, or to another system's Open311 endpoint. */
@Civic311ClockTest
class DispatchTests {

    @Autowired
    ServiceRequests requests;

    @Autowired
    RequestWork work;

    @Autowired
    Dispatches dispatches;

    @Autowired
    Catalog catalog;

    @Autowired
    CatalogEditor editor;

    @Autowired
    MutableClock clock;

    HttpServer endpoint;

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.stop(0);
        }
    }

    @Test
    void aStreetlightOutIsSentByEmailToTheUtility() {
        TestMailServer.start();
        try {
            String id = requests.submit(new NewServiceRequest(
                            null,
                            "TS-STREETLIGHT-OUT",
                            new Location(43.6534, -79.3841, "Queen St W at Bay St", null, null),
                            "Two lights out",
                            Map.of("PROBLEM", List.of("OUT")),
                            java.util.List.of(),
                            List.of(),
                            Reporter.anonymous(),
                            Channel.PHONE,
                            null))
                    .publicId();
            dispatches.sendDue();
            assertThat(TestMailServer.to("hydro-streetlights@demo.civic311.org"))
                    .anySatisfy(message -> assertThat(message.getSubject()).contains(id));
            DispatchState state = work.record("toronto.ca", id).dispatch();
            assertThat(state.deliveredAt()).isNotNull();
            assertThat(state.method()).isEqualTo("EMAIL");
        } finally {
            TestMailServer.stop();
        }
    }

    @Test
    void anOpen311EndpointIsRetriedUntilItAcceptsAndItsIdIsKept() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        List<String> bodies = new CopyOnWriteArrayList<>();
        endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/open311/v2/requests.json", exchange -> {
            bodies.add(URLDecoder.decode(
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    StandardCharsets.UTF_8));
            int call = calls.incrementAndGet();
            byte[] answer = (call == 1
                            ? "[{\"code\":500,\"description\":\"CRM is down\"}]"
                            : call == 2
                                    ? "<html>gateway status: db=primary-7, token=abc</html>"
                                    : "[{\"service_request_id\":\"HYD-7781\",\"service_notice\":null}]")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(call == 1 ? 500 : call == 2 ? 502 : 200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        endpoint.start();
        routeToEndpoint("TW-HYDRANT", "HYDRANT");

        String id = requests.submit(new NewServiceRequest(
                        null,
                        "TW-HYDRANT",
                        new Location(43.6534, -79.3841, "Hydrant at 100 Queen St W", null, null),
                        "Hydrant leaking",
                        Map.of("PROBLEM", List.of(firstProblem())),
                        java.util.List.of(),
                        List.of(),
                        Reporter.anonymous(),
                        Channel.PHONE,
                        null))
                .publicId();

        dispatches.sendDue();
        DispatchState failed = work.record("toronto.ca", id).dispatch();
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError())
                .as("an Open311 error's own description")
                .isEqualTo("endpoint answered 500: CRM is down");
        assertThat(failed.deliveredAt()).isNull();

        dispatches.sendDue();
        assertThat(calls.get()).as("not retried before its time").isEqualTo(1);

        clock.advance(Dispatches.backoff(1).plusSeconds(1));
        dispatches.sendDue();
        assertThat(work.record("toronto.ca", id).dispatch().lastError())
                .as("nothing else of what the server answered: staff's pages would read out whatever it is")
                .isEqualTo("endpoint answered 502");

        clock.advance(Dispatches.backoff(2).plusSeconds(1));
        dispatches.sendDue();
        DispatchState delivered = work.record("toronto.ca", id).dispatch();
        assertThat(delivered.externalId()).isEqualTo("HYD-7781");
        assertThat(delivered.attempts()).isEqualTo(3);
        assertThat(bodies.getLast())
                .contains("api_key=partner-key")
                .contains("service_code=HYDRANT")
                .contains("description=Hydrant leaking");
    }

    @Test
    void aRequestTheOtherSystemRefusesIsNotSentAgainAndItsDepartmentIsToldWhy() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/open311/v2/requests.json", exchange -> {
            calls.incrementAndGet();
            byte[] answer = "[{\"code\":400,\"description\":\"service_code MH is not known here\"}]"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(400, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        endpoint.start();
        routeToEndpoint("TW-MAINTENANCE-HOLE", "MH");
        String id = requests.submit(new NewServiceRequest(
                        null,
                        "TW-MAINTENANCE-HOLE",
                        new Location(43.6534, -79.3841, "100 Queen St W", null, null),
                        "The lid rattles when cars pass over it",
                        Map.of("PROBLEM", List.of("LOOSE")),
                        java.util.List.of(),
                        List.of(),
                        Reporter.anonymous(),
                        Channel.PHONE,
                        null))
                .publicId();

        dispatches.sendDue();
        DispatchState refused = work.record("toronto.ca", id).dispatch();
        assertThat(refused.refusedAt()).isNotNull();
        assertThat(refused.lastError()).isEqualTo("endpoint answered 400: service_code MH is not known here");
        clock.advance(java.time.Duration.ofDays(1));
        dispatches.sendDue();
        assertThat(calls.get()).as("refused, not sent again and again").isEqualTo(1);
        assertThat(work.record("toronto.ca", id).notes())
                .anySatisfy(note -> assertThat(note.text()).contains("refused it", "Work it in this queue"));
    }

    @Test
    void eachDispatchIsRecordedAsSentBeforeTheNextIsSentSoACrashResendsNoneAlreadySent() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        List<Boolean> firstRecordedWhenSecondSent = new CopyOnWriteArrayList<>();
        String[] first = new String[1];
        endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/open311/v2/requests.json", exchange -> {
            exchange.getRequestBody().readAllBytes();
            int call = calls.incrementAndGet();
            if (call == 2) {
                // Read from another connection: only what is committed shows.
                firstRecordedWhenSecondSent.add(
                        work.record("toronto.ca", first[0]).dispatch().deliveredAt() != null);
            }
            byte[] answer = ("[{\"service_request_id\":\"CB-" + call + "\"}]").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        endpoint.start();
        routeToEndpoint("TW-CATCH-BASIN", "CATCH");
        first[0] = catchBasin("Catch basin blocked at Queen and Bay");
        String second = catchBasin("Catch basin blocked at Queen and York");

        dispatches.sendDue();

        assertThat(calls.get()).isEqualTo(2);
        assertThat(firstRecordedWhenSecondSent).containsExactly(true);
        assertThat(work.record("toronto.ca", second).dispatch().externalId()).isEqualTo("CB-2");
        dispatches.sendDue();
        assertThat(calls.get()).as("nothing sent twice").isEqualTo(2);
    }

    @Test
    void aRequestReTypedToATypeSentElsewhereGoesThereAndOneReTypedToAQueueOfOurOwnIsNotSent() throws IOException {
        endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/open311/v2/requests.json", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        endpoint.start();
        routeToEndpoint("TW-SEWER-ODOUR", "ODOUR");
        // Reported as a streetlight out, sent to the utility by email (no mail server here: still to be sent).
        String id = requests.submit(new NewServiceRequest(
                        null,
                        "TS-STREETLIGHT-OUT",
                        new Location(43.6534, -79.3841, "Queen St W at Bay St", null, null),
                        "Water pooling under the light, the drain is blocked",
                        Map.of("PROBLEM", List.of("OUT")),
                        java.util.List.of(),
                        List.of(),
                        Reporter.anonymous(),
                        Channel.PHONE,
                        null))
                .publicId();
        assertThat(work.record("toronto.ca", id).dispatch().method()).isEqualTo("EMAIL");

        work.recategorise("toronto.ca", id, "TW-SEWER-ODOUR", "It is the sewer", new Actor("agent", "console"));
        DispatchState retyped = work.record("toronto.ca", id).dispatch();
        assertThat(retyped.method()).as("sent to the new type's system").isEqualTo("OPEN311");
        assertThat(retyped.deliveredAt()).isNull();

        work.recategorise("toronto.ca", id, "SWLMALB-02", "A bin, after all", new Actor("agent", "console"));
        assertThat(work.record("toronto.ca", id).dispatch().refusedAt())
                .as("a type the city works itself: nothing is sent")
                .isNotNull();
    }

    /** Routes every request of the type to the test's Open311 endpoint, as an administrator does in the console. */
    private void routeToEndpoint(String serviceCode, String externalCode) {
        editor.addRoutingRule(
                "toronto.ca",
                new RoutingRuleForm(
                        serviceCode,
                        "",
                        "TW",
                        "OPEN311",
                        "",
                        "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/open311/v2",
                        "partner-key",
                        externalCode,
                        ""),
                "admin");
    }

    private String catchBasin(String description) {
        return requests.submit(new NewServiceRequest(
                        null,
                        "TW-CATCH-BASIN",
                        new Location(43.6534, -79.3841, null, null, null),
                        description,
                        Map.of("CONDITION", List.of("BLOCKED")),
                        java.util.List.of(),
                        List.of(),
                        Reporter.anonymous(),
                        Channel.PHONE,
                        null))
                .publicId();
    }

    private String firstProblem() {
        return catalog.requireServiceType("toronto.ca", "TW-HYDRANT").attributes().stream()
                .filter(a -> a.code().equals("PROBLEM"))
                .findFirst()
                .orElseThrow()
                .values()
                .getFirst()
                .key();
    }
}
