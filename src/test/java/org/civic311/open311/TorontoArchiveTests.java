package org.civic311.open311;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.civic311.requests.ImportReport;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.civic311.support.Open311Schemas;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;

/** Real Toronto Open311 output goes in as an archive and comes back out of GET requests with the same fields. */
@Civic311Test
class TorontoArchiveTests {

    static final List<String> TEXT_FIELDS = List.of(
            "service_request_id",
            "status",
            "status_notes",
            "service_name",
            "service_code",
            "description",
            "agency_responsible",
            "service_notice",
            "address",
            "address_id",
            "zipcode",
            "media_url");
    static final List<String> TIME_FIELDS = List.of("requested_datetime", "updated_datetime", "expected_datetime");

    @LocalServerPort
    int port;

    @Autowired
    Open311Archive archive;

    Open311Fixture open311;

    @BeforeEach
    void client() {
        open311 = new Open311Fixture(port);
    }

    @Test
    void theThousandRequestsOf2018ComeBackWithTheSameFields() throws IOException {
        assertRoundTrip("democity/requests-2018.json");
    }

    @Test
    void theThousandOpenPotholesOf2014ComeBackWithTheSameFields() throws IOException {
        assertRoundTrip("archives/toronto_open311_open_potholes_2014.json");
    }

    @Test
    void loadingAnArchiveTwiceAddsNothingTheSecondTime() throws IOException {
        load("democity/requests-2018.json");
        ImportReport again = load("democity/requests-2018.json");
        assertThat(again.imported()).isZero();
        assertThat(again.alreadyPresent()).isEqualTo(1000);
    }

    @Test
    void rowsThatCannotBeLoadedAreReportedWithTheirRowNumber() {
        String archiveJson =
                """
                [{"service_request_id": "X1", "status": "open", "service_code": "NOPE",
                  "requested_datetime": "2018-10-01T10:00:00-04:00"},
                 {"service_request_id": "X2", "status": "pending", "service_code": "CSROWR-12",
                  "requested_datetime": "2018-10-01T10:00:00-04:00"},
                 {"service_request_id": "X3", "status": "open", "service_code": "CSROWR-12",
                  "requested_datetime": "yesterday"},
                 {"service_request_id": "X4", "status": "open", "service_code": "CSROWR-12",
                  "requested_datetime": "2018-10-01T10:00:00-04:00"}]""";
        ImportReport report = archive.load(
                "toronto.ca",
                new java.io.ByteArrayInputStream(archiveJson.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(report.imported() + report.alreadyPresent()).isEqualTo(1);
        assertThat(report.rejected()).extracting(ImportReport.Rejection::row).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(report.rejected()).extracting(ImportReport.Rejection::reason).anySatisfy(reason -> assertThat(reason)
                .contains("service type 'NOPE' is not in the catalogue"));
    }

    private ImportReport load(String resource) throws IOException {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return archive.load("toronto.ca", in);
        }
    }

    private void assertRoundTrip(String resource) throws IOException {
        ImportReport report = load(resource);
        assertThat(report.rejected()).isEmpty();
        assertThat(report.imported() + report.alreadyPresent()).isEqualTo(1000);

        JsonNode root;
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            root = Open311Fixture.JSON.readTree(in);
        }
        JsonNode originals = root.isArray() ? root : root.get("service_requests");
        List<JsonNode> all = originals.values().stream().toList();
        for (int from = 0; from < all.size(); from += 200) {
            List<JsonNode> batch = all.subList(from, Math.min(all.size(), from + 200));
            String ids = String.join(
                    ",",
                    batch.stream()
                            .map(r -> r.get("service_request_id").asString())
                            .toList());
            Http.Response response = open311.get("/v2/requests.json?service_request_id=" + ids);
            assertThat(response.status()).isEqualTo(200);
            assertThat(Open311Schemas.errors("requests.json", response.body())).isEmpty();
            Map<String, JsonNode> served = new HashMap<>();
            Open311Fixture.json(response)
                    .forEach(r -> served.put(r.get("service_request_id").asString(), r));
            assertThat(served).hasSize(batch.size());
            for (JsonNode original : batch) {
                assertSameFields(
                        original, served.get(original.get("service_request_id").asString()));
            }
        }
    }

    private static void assertSameFields(JsonNode original, JsonNode served) {
        List<String> differences = new ArrayList<>();
        for (String field : TEXT_FIELDS) {
            String expected = text(original.get(field));
            String actual = text(served.get(field));
            if (!java.util.Objects.equals(expected, actual)) {
                differences.add(field + ": " + expected + " != " + actual);
            }
        }
        for (String field : TIME_FIELDS) {
            String expected = text(original.get(field));
            String actual = text(served.get(field));
            boolean same = expected == null
                    ? actual == null
                    : actual != null
                            && OffsetDateTime.parse(expected)
                                    .toInstant()
                                    .equals(OffsetDateTime.parse(actual).toInstant());
            if (!same) {
                differences.add(field + ": " + expected + " != " + actual);
            }
        }
        for (String field : List.of("lat", "long")) {
            JsonNode expected = original.get(field);
            JsonNode actual = served.get(field);
            boolean same = expected == null || expected.isNull()
                    ? actual.isNull()
                    : actual.isNumber() && expected.asDouble() == actual.asDouble();
            if (!same) {
                differences.add(field + ": " + expected + " != " + actual);
            }
        }
        assertThat(differences)
                .as("request " + original.get("service_request_id"))
                .isEmpty();
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }
}
