package org.civic311.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.civic311.Civic311Application;
import org.civic311.support.Http;
import org.civic311.support.WebhookSignatures;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Properties of every door an outsider can knock on (Open311, the residents' report form, the SMS and X webhooks):
 * whatever is sent, the answer is a success or a 4xx that names the problem, never a 5xx. jqwik generates the inputs,
 * mixing the fields each door expects with odd names, lengths, scripts, markup and control characters, and shrinks
 * any failure to its smallest form.
 */
class HostileInputProperties {

    private static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    private static ConfigurableApplicationContext app;
    private static int port;

    @BeforeContainer
    static void start() {
        app = new SpringApplicationBuilder(Civic311Application.class)
                .run(
                        "--spring.profiles.active=test",
                        "--server.port=0",
                        "--civic311.open311.posts-per-minute-per-address=1000000",
                        "--civic311.open311.searches-per-minute-per-address=1000000",
                        "--logging.level.root=ERROR");
        port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }

    @AfterContainer
    static void stop() {
        app.close();
    }

    @Property(tries = 150)
    void anOpen311PostIsAnsweredWithASuccessOrARefusalNamingTheProblem(
            @ForAll("open311Fields") Map<String, String> fields) {
        List<Map.Entry<String, String>> form = new ArrayList<>(fields.entrySet());
        Http.Response answer = new Http(port).postForm("/open311/v2/requests.json", form);

        assertAnswered(answer, fields);
        if (answer.status() >= 400) {
            assertNamesTheProblem(answer, fields);
        }
    }

    @Property(tries = 100)
    void anOpen311SearchIsAnsweredWithResultsOrARefusal(@ForAll("searchFields") Map<String, String> fields) {
        StringBuilder query = new StringBuilder("/open311/v2/requests.json?");
        fields.forEach((name, value) -> query.append(Http.encode(name))
                .append('=')
                .append(Http.encode(value))
                .append('&'));

        assertAnswered(new Http(port).get(query.toString()), fields);
    }

    @Property(tries = 100)
    void aSignedTextMessageIsTakenInOrRefusedNeverAFailure(@ForAll("smsFields") Map<String, String> form) {
        String signature =
                WebhookSignatures.twilio("test-auth-token", "http://localhost:" + port + "/webhooks/sms", form);
        Http.Response answer = new Http(port)
                .header("X-Twilio-Signature", signature)
                .postForm("/webhooks/sms", new ArrayList<>(form.entrySet()));

        assertAnswered(answer, form);
    }

    @Property(tries = 100)
    void aSignedXEventIsTakenInOrRefusedNeverAFailure(@ForAll("xBodies") String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Http.Response answer = new Http(port)
                .header("x-twitter-webhooks-signature", WebhookSignatures.x("test-consumer-secret", bytes))
                .postJson("/webhooks/x", body);

        assertAnswered(answer, Map.of("body", body));
    }

    @Property(tries = 60)
    void theReportFormAnswersAnyFieldsWithAPageNeverAFailure(@ForAll("reportFields") Map<String, String> fields) {
        Http resident = Http.browser(port);
        List<Map.Entry<String, String>> form = new ArrayList<>(fields.entrySet());
        form.add(Map.entry("_csrf", resident.csrf("/report/SWLMALB-02")));

        assertAnswered(resident.postForm("/report/SWLMALB-02", form), fields);
    }

    @Provide
    Arbitrary<Map<String, String>> open311Fields() {
        return fields(
                List.of(
                        "api_key",
                        "service_code",
                        "lat",
                        "long",
                        "address_string",
                        "address_id",
                        "email",
                        "phone",
                        "first_name",
                        "description",
                        "media_url",
                        "jurisdiction_id",
                        "attribute[POTHOLE_SIZE]",
                        "attribute[LOCATION_ON_ROAD]"),
                Map.of("api_key", "demo-key", "service_code", "CSROWR-12", "lat", "43.6534", "long", "-79.3841"));
    }

    @Provide
    Arbitrary<Map<String, String>> searchFields() {
        return fields(
                List.of(
                        "service_code",
                        "status",
                        "start_date",
                        "end_date",
                        "service_request_id",
                        "bbox",
                        "lat",
                        "long",
                        "radius",
                        "page",
                        "page_size",
                        "extensions",
                        "updated_after"),
                Map.of("status", "open"));
    }

    @Provide
    Arbitrary<Map<String, String>> smsFields() {
        return fields(
                List.of("MessageSid", "AccountSid", "From", "To", "Body", "NumMedia", "MediaUrl0", "MediaContentType0"),
                Map.of(
                        "AccountSid",
                        "AC00000000000000000000000000000311",
                        "From",
                        "+14165550123",
                        "To",
                        "+14165550311",
                        "MessageSid",
                        "SM00000000000000000000000000000001"));
    }

    @Provide
    Arbitrary<String> xBodies() {
        Arbitrary<String> text = hostileText();
        Arbitrary<String> event = Combinators.combine(
                        text, text, Arbitraries.longs().between(-1, Long.MAX_VALUE))
                .as((id, words, user) -> "{\"for_user_id\":\"2244994945\",\"tweet_create_events\":[{\"id_str\":"
                        + json(id) + ",\"text\":" + json(words) + ",\"user\":{\"id_str\":\"" + user
                        + "\",\"screen_name\":" + json(words) + "}}]}");
        return Arbitraries.oneOf(event, text, Arbitraries.just("{}"), Arbitraries.just("[]"));
    }

    @Provide
    Arbitrary<Map<String, String>> reportFields() {
        return fields(
                List.of("description", "latitude", "longitude", "address", "email", "phone", "name", "anonymous"),
                Map.of("description", "Graffiti on the bin", "address", "41 Elm Ave"));
    }

    /** Some of the door's own fields with hostile values, some of its good values, and a few strangers. */
    private static Arbitrary<Map<String, String>> fields(List<String> names, Map<String, String> good) {
        Arbitrary<String> name = Arbitraries.oneOf(
                Arbitraries.of(names),
                Arbitraries.of(names),
                Arbitraries.strings().ofMaxLength(30));
        Arbitrary<String> value = hostileText();
        return Arbitraries.maps(name, value).ofMaxSize(8).map(hostile -> {
            Map<String, String> fields = new LinkedHashMap<>(good);
            fields.putAll(hostile);
            return fields;
        });
    }

    private static Arbitrary<String> hostileText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(80),
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(5),
                Arbitraries.of(
                        "<script>alert(1)</script>",
                        "\"><img src=x onerror=alert(1)>",
                        "=HYPERLINK(\"http://evil\")",
                        "../../etc/passwd",
                        "' or 1=1 --",
                        "NaN",
                        "-Infinity",
                        "1e309",
                        "43.6534,-79.3841",
                        "-79.4,43.6,-79.3,43.7",
                        "2026-13-45T99:99:99Z",
                        "9999999999999999999999",
                        "\uFEFF",
                        "\uD800",
                        "x".repeat(5000),
                        ""));
    }

    private static String json(String text) {
        return JSON.writeValueAsString(text);
    }

    private static void assertAnswered(Http.Response answer, Object sent) {
        if (answer.status() >= 500) {
            throw new AssertionError("answered " + answer.status() + " to " + sent + ": " + answer.body());
        }
    }

    private static void assertNamesTheProblem(Http.Response answer, Map<String, String> sent) {
        if (!answer.body().contains("\"description\"") || answer.body().contains("\"description\":\"\"")) {
            throw new AssertionError("a refusal without a description to " + sent + ": " + answer.body());
        }
    }
}
