package org.civic311.open311;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.civic311.support.Open311Schemas;
import org.civic311.support.Xml;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@Civic311Test
class DiscoveryAndServicesTests {

    @LocalServerPort
    int port;

    Open311Fixture open311;

    @BeforeEach
    void client() {
        open311 = new Open311Fixture(port);
    }

    @Test
    void anotherSitesPageMayReadTheApiAndOpenDataButNotTheStaffApi() {
        Http page = new Http(port).header("Origin", "https://neighbourhood-map.example");
        Http.Response read = page.get("/open311/v2/services.json");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(read.headers().firstValue("Access-Control-Allow-Credentials"))
                .isEmpty();

        // The browser's check before an app's POST of a report, with its Idempotency-Key.
        Http.Response preflight = page.header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "idempotency-key, content-type")
                .options("/open311/v2/requests.json");
        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight
                        .headers()
                        .firstValue("Access-Control-Allow-Methods")
                        .orElseThrow())
                .contains("POST");

        assertThat(page.get("/open-data/requests.csv").headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("*");
        assertThat(page.get("/api/v1/escalations").headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
        assertThat(page.get("/requests").headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
    }

    @Test
    void whatAnAddressTakesIsSaidOnAskingAndOnRefusing() {
        Http.Response asked = new Http(port).options("/open311/v2/requests.json");
        assertThat(asked.status()).isEqualTo(204);
        assertThat(asked.headers().firstValue("Allow")).hasValue("GET, HEAD, POST, OPTIONS");

        Http.Response refused = new Http(port).postForm("/open311/v2/services.json", java.util.List.of());
        assertThat(refused.status()).isEqualTo(405);
        assertThat(refused.headers().firstValue("Allow")).hasValue("GET, HEAD, OPTIONS");
        assertThat(new Http(port).options("/open311/v2/nothing.json").status()).isEqualTo(404);
    }

    @Test
    void discoveryDescribesTheEndpointInBothFormats() {
        Http.Response json = open311.get("/discovery.json");
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.contentType()).isEqualToIgnoringWhitespace("application/json;charset=utf-8");
        JsonNode discovery = Open311Fixture.json(json);
        assertThat(discovery.isObject()).isTrue();
        assertThat(discovery.propertyNames()).containsExactly("changeset", "contact", "key_service", "endpoints");
        JsonNode endpoint = discovery.get("endpoints").get(0);
        assertThat(endpoint.get("specification").asString()).isEqualTo("http://wiki.open311.org/GeoReport_v2");
        assertThat(endpoint.get("url").asString()).isEqualTo(open311.http().base() + "/open311/v2");
        assertThat(endpoint.get("formats").values())
                .extracting(JsonNode::asString)
                .containsExactly("text/xml", "application/json");

        Http.Response xml = open311.get("/discovery.xml");
        assertThat(xml.contentType()).isEqualToIgnoringWhitespace("text/xml;charset=utf-8");
        assertThat(xml.body()).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        var document = Xml.parse(xml.body());
        assertThat(Xml.texts(document, "/discovery/endpoints/endpoint/formats/format"))
                .containsExactly("text/xml", "application/json");
        assertThat(Xml.text(document, "/discovery/key_service")).isNotBlank();
    }

    @Test
    void servicesListTheActiveCatalogueAsABareArrayThatValidates() {
        Http.Response response = open311.get("/v2/services.json");
        assertThat(response.status()).isEqualTo(200);
        assertThat(Open311Schemas.errors("services.json", response.body())).isEmpty();
        JsonNode services = Open311Fixture.json(response);
        assertThat(services.isArray()).isTrue();
        assertThat(services.size()).isGreaterThanOrEqualTo(40);
        assertThat(services.values())
                .extracting(s -> s.get("service_code").asString())
                .contains("CSROWC-05", "CSROWBM-03", "CSROWR-12", "30102", "CSROSC-14", "SWLMALB-02", "SWM-BIN-LEFT")
                .doesNotContain("SWM-BIN-NOT-RETURNED");
        JsonNode privateGraffiti = services.values().stream()
                .filter(s -> s.get("service_code").asString().equals("30102"))
                .findFirst()
                .orElseThrow();
        assertThat(privateGraffiti.get("service_code").isString()).isTrue();
        assertThat(privateGraffiti.propertyNames())
                .containsExactly(
                        "service_code", "service_name", "description", "metadata", "type", "keywords", "group");
        assertThat(privateGraffiti.get("service_name").asString()).isEqualTo("Graffiti on private property");
        assertThat(privateGraffiti.get("keywords").asString()).isEqualTo("graffiti, private property, building");
        assertThat(privateGraffiti.get("metadata").asBoolean()).isTrue();
        assertThat(privateGraffiti.get("type").asString()).isEqualTo("batch");
    }

    @Test
    void withExtensionsEachServiceSaysWhetherItNeedsContactDetailsAndPublishesOnlyAnArea() {
        JsonNode services = Open311Fixture.json(open311.get("/v2/services.json?extensions=true"));
        java.util.function.Function<String, JsonNode> extended = code -> services.values().stream()
                .filter(s -> s.get("service_code").asString().equals(code))
                .findFirst()
                .orElseThrow()
                .get("extended_attributes");
        assertThat(extended.apply("MLS-INADEQUATE-HEAT").get("contact_required").asBoolean())
                .isTrue();
        assertThat(extended.apply("MLS-INADEQUATE-HEAT").get("location_private").asBoolean())
                .isTrue();
        assertThat(extended.apply("SWLMALB-02").get("contact_required").asBoolean())
                .isFalse();
        assertThat(extended.apply("SWLMALB-02").get("location_private").asBoolean())
                .isFalse();
        // The demo city publishes as their area the types whose place is a home, a person's health or a neighbour.
        assertThat(java.util.stream.Stream.of(
                                "TW-NO-WATER",
                                "TW-SEWER-BACKUP",
                                "WIN-WINDROW",
                                "TPH-ANIMAL-BITE",
                                "MLS-NOISE",
                                "MLS-LONG-GRASS",
                                "MLS-DUMPING-PRIVATE")
                        .map(code ->
                                extended.apply(code).get("location_private").asBoolean()))
                .containsOnly(true);
        var document = Xml.parse(open311.get("/v2/services.xml?extensions=true").body());
        assertThat(Xml.text(
                        document,
                        "/services/service[service_code='MLS-INADEQUATE-HEAT']/extended_attributes/contact_required"))
                .isEqualTo("true");
    }

    @Test
    void anAppKeepsTheCatalogueForMinutesAndAsksAgainWithItsTagWithoutDownloadingItAgain() {
        for (String path : List.of("/v2/services.json", "/v2/services/SWM-BIN-LEFT.xml", "/discovery.json")) {
            Http.Response first = open311.get(path);
            assertThat(first.headers().firstValue("Cache-Control"))
                    .as(path)
                    .hasValueSatisfying(cache -> assertThat(cache).contains("max-age=300", "public"));
            String tag = first.headers().firstValue("ETag").orElseThrow();
            Http.Response again = open311.http().header("If-None-Match", tag).get("/open311" + path);
            assertThat(again.status()).as(path).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(open311.http()
                            .header("If-None-Match", "\"an-older-catalogue\"")
                            .get("/open311" + path)
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void servicesInXmlHaveTheSpecificationsElements() {
        Http.Response response = open311.get("/v2/services.xml");
        var document = Xml.parse(response.body());
        assertThat(Xml.texts(document, "/services/service/service_code")).contains("CSROWR-12", "SWM-BIN-LEFT");
        assertThat(Xml.text(document, "/services/service[service_code='SWLMALB-02']/metadata"))
                .isEqualTo("false");
    }

    @Test
    void aServiceDefinitionListsItsQuestionsInOrderWithTheirValues() {
        Http.Response response = open311.get("/v2/services/SWM-BIN-LEFT.json");
        assertThat(response.status()).isEqualTo(200);
        assertThat(Open311Schemas.errors("service-definition.json", response.body()))
                .isEmpty();
        JsonNode definition = Open311Fixture.json(response);
        assertThat(definition.get("service_code").asString()).isEqualTo("SWM-BIN-LEFT");
        JsonNode attributes = definition.get("attributes");
        assertThat(attributes.values())
                .extracting(a -> a.get("code").asString())
                .containsExactly("BINS_AFFECTED", "BLOCKING", "FOUND_AT");
        assertThat(attributes.values()).extracting(a -> a.get("order").asInt()).containsExactly(1, 2, 3);
        JsonNode bins = attributes.get(0);
        assertThat(bins.propertyNames())
                .containsExactly(
                        "variable",
                        "code",
                        "datatype",
                        "required",
                        "datatype_description",
                        "order",
                        "description",
                        "values");
        assertThat(bins.get("datatype").asString()).isEqualTo("multivaluelist");
        assertThat(bins.get("values").get(0).get("key").asString()).isEqualTo("GARBAGE");
        assertThat(attributes.get(2).get("datatype").asString()).isEqualTo("datetime");
        assertThat(attributes.get(2).has("values")).isFalse();

        var xml = Xml.parse(open311.get("/v2/services/SWM-BIN-LEFT.xml").body());
        assertThat(Xml.texts(xml, "/service_definition/attributes/attribute[code='BLOCKING']/values/value/key"))
                .containsExactly("SIDEWALK", "DRIVEWAY", "ROAD_BIKE_LANE", "KNOCKED_OVER");
    }

    @Test
    void theCatalogueUsesAllSixDatatypesAndInformationalAttributes() {
        JsonNode services = Open311Fixture.json(open311.get("/v2/services.json"));
        java.util.Set<String> datatypes = new java.util.HashSet<>();
        boolean informational = false;
        for (JsonNode service : services) {
            if (!service.get("metadata").asBoolean()) {
                continue;
            }
            JsonNode definition = Open311Fixture.json(
                    open311.get("/v2/services/" + service.get("service_code").asString() + ".json"));
            for (JsonNode attribute : definition.get("attributes")) {
                datatypes.add(attribute.get("datatype").asString());
                informational |= !attribute.get("variable").asBoolean();
            }
        }
        assertThat(datatypes)
                .containsExactlyInAnyOrder("string", "number", "datetime", "text", "singlevaluelist", "multivaluelist");
        assertThat(informational).isTrue();
    }

    @Test
    void anEmptyJurisdictionIdIsTheSameAsNone() {
        assertThat(open311.get("/v2/services.json?jurisdiction_id=").status()).isEqualTo(200);
        assertThat(open311.get("/v2/services.json?jurisdiction_id=toronto.ca").status())
                .isEqualTo(200);
    }
}
