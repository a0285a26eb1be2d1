package org.civic311.open311;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.List;
import org.civic311.catalog.AttributeDatatype;
import org.civic311.catalog.BusinessCalendar;
import org.civic311.catalog.Catalog;
import org.civic311.catalog.Department;
import org.civic311.catalog.DuplicatePolicy;
import org.civic311.catalog.Jurisdiction;
import org.civic311.catalog.JurisdictionDefinition;
import org.civic311.catalog.RequestStatus;
import org.civic311.catalog.ServiceAttribute;
import org.civic311.catalog.ServiceDelivery;
import org.civic311.catalog.ServiceLevelTarget;
import org.civic311.catalog.ServiceType;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** One endpoint serving two cities, without the demo city: clients must say which city they mean. */
@Civic311Test
@TestPropertySource(properties = {"civic311.demo.enabled=false", "civic311.hosts[127.0.0.1]=shelbyville.gov"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class MultipleJurisdictionsTests {

    @LocalServerPort
    int port;

    @Autowired
    Catalog catalog;

    @Autowired
    ApiKeys apiKeys;

    Open311Fixture open311;

    @BeforeAll
    void twoCities() {
        twoCities(catalog);
        apiKeys.register("springfield.gov", "springfield-key", "test");
        apiKeys.register("shelbyville.gov", "shelbyville-key", "test");
    }

    @BeforeEach
    void client() {
        open311 = new Open311Fixture(port);
    }

    @Test
    void theDemoCityIsNotLoadedWhenSwitchedOff() {
        assertThat(catalog.jurisdiction("toronto.ca")).isEmpty();
        assertThat(open311.get("/v2/services.json?jurisdiction_id=toronto.ca").status())
                .isEqualTo(404);
    }

    @Test
    void eachCityIsReachedByItsOwnHostNameAndAnUnmappedOneNamesTheCitiesServed() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.util.function.Function<String, java.net.http.HttpResponse<String>> get = url -> {
            try {
                return client.send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        String shelbyville = "http://127.0.0.1:" + port;
        java.net.http.HttpResponse<String> home = get.apply(shelbyville + "/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body())
                .contains("Shelbyville 311")
                .as("a real city's page names no demo key")
                .contains("needs an API key, which the city gives")
                .doesNotContain("demo-key");
        assertThat(get.apply(shelbyville + "/open311/v2/services.json").body())
                .contains("SV-GRAFFITI")
                .doesNotContain("SF-POTHOLE");
        assertThat(get.apply(shelbyville + "/requests/99999999").body()).contains("Shelbyville 311", "Not found");
        assertThat(get.apply(shelbyville + "/map").body())
                .as("a city without ward outlines is not opened on another city's")
                .contains("id=\"map\"")
                .doesNotContain("data-bounds=");
        assertThat(get.apply(shelbyville + "/open311/v2/services.json?jurisdiction_id=springfield.gov")
                        .body())
                .as("a city named outright is the one served")
                .contains("SF-POTHOLE");

        java.net.http.HttpResponse<String> unmapped = get.apply("http://localhost:" + port + "/");
        assertThat(unmapped.statusCode()).isEqualTo(400);
        assertThat(unmapped.body())
                .contains("shelbyville.gov", "springfield.gov")
                .doesNotContain("Shelbyville 311");
    }

    @Test
    void openDataIsDownloadedForTheCityItNames() {
        Http.Response unnamed = open311.http().get("/open-data/requests.csv");
        assertThat(unnamed.status()).isEqualTo(400);
        assertThat(unnamed.body()).contains("jurisdiction_id is required");
        Http.Response named = open311.http().get("/open-data/requests.geojson?jurisdiction_id=springfield.gov");
        assertThat(named.status()).as(named.body()).isEqualTo(200);
        assertThat(named.body()).startsWith("{\"type\":\"FeatureCollection\"");
        assertThat(open311.http().get("/open-data/wards.geojson").status()).isEqualTo(400);
    }

    @Test
    void aClientMustNameTheJurisdiction() {
        Http.Response response = open311.get("/v2/services.json");
        assertThat(response.status()).isEqualTo(400);
        assertThat(Open311Fixture.json(response).get(0).get("description").asString())
                .isEqualTo("jurisdiction_id is required: this installation serves [shelbyville.gov, springfield.gov]");
    }

    @Test
    void eachJurisdictionHasItsOwnCatalogueAndRequests() {
        assertThat(Open311Fixture.json(open311.get("/v2/services.json?jurisdiction_id=springfield.gov"))
                        .get(0)
                        .get("service_code")
                        .asString())
                .isEqualTo("SF-POTHOLE");
        Http.Response created = open311.post(
                "json",
                "jurisdiction_id",
                "springfield.gov",
                "api_key",
                "springfield-key",
                "service_code",
                "SF-POTHOLE",
                "lat",
                "39.78",
                "long",
                "-89.65",
                "attribute[DEPTH_CM]",
                "12");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String id =
                Open311Fixture.json(created).get(0).get("service_request_id").asString();

        var request = Open311Fixture.json(open311.get("/v2/requests/" + id + ".json?jurisdiction_id=springfield.gov"))
                .get(0);
        // Springfield keeps Central time; a city without mapped wards accepts any point.
        assertThat(request.get("requested_datetime").asString()).endsWith("-06:00");
        assertThat(open311.get("/v2/requests/" + id + ".json?jurisdiction_id=shelbyville.gov")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anApiKeyIsValidOnlyForItsJurisdiction() {
        Http.Response response = open311.post(
                "json",
                "jurisdiction_id",
                "springfield.gov",
                "api_key",
                "shelbyville-key",
                "service_code",
                "SF-POTHOLE",
                "address_string",
                "742 Evergreen Terrace");
        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void triageSuggestsAServiceTypeTheModelHasNeverSeenFromItsNameAndKeywords() {
        Http.Response response = open311.http()
                .postJson(
                        "/api/v1/triage",
                        "{\"text\":\"deep pothole outside the school\",\"jurisdiction\":\"springfield.gov\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(Open311Fixture.json(response)
                        .get("suggestions")
                        .get(0)
                        .get("serviceCode")
                        .asString())
                .isEqualTo("SF-POTHOLE");
        assertThat(open311.http()
                        .postJson("/api/v1/triage", "{\"text\":\"deep pothole\"}")
                        .status())
                .as("which city, when there are two")
                .isEqualTo(400);
    }

    /** Springfield and Shelbyville, defined once in the context the tests of several cities share. */
    public static void twoCities(Catalog catalog) {
        for (JurisdictionDefinition city : List.of(
                city("springfield.gov", "Springfield", "America/Chicago", "SF-POTHOLE"),
                city("shelbyville.gov", "Shelbyville", "America/New_York", "SV-GRAFFITI"))) {
            if (catalog.jurisdiction(city.jurisdiction().id()).isEmpty()) {
                catalog.define(city);
            }
        }
    }

    static JurisdictionDefinition city(String id, String name, String zone, String serviceCode) {
        Jurisdiction jurisdiction = new Jurisdiction(
                id,
                name,
                ZoneId.of(zone),
                null,
                null,
                List.of(new RequestStatus("open", "Open", false, true), new RequestStatus("done", "Done", true, false)),
                BusinessCalendar.weekdays());
        Department works = new Department(id, "PW", "Public Works", null, null, null);
        ServiceType type = new ServiceType(
                id,
                serviceCode,
                "Pothole",
                null,
                "Streets",
                "PW",
                "Public Works",
                List.of("pothole"),
                ServiceDelivery.REALTIME,
                true,
                new ServiceLevelTarget(3, ServiceLevelTarget.Unit.BUSINESS_DAYS),
                null,
                List.of(new ServiceAttribute(
                        "DEPTH_CM", true, AttributeDatatype.NUMBER, false, null, 1, "How deep?", List.of(), false)),
                DuplicatePolicy.STANDARD,
                true,
                false,
                false,
                false);
        return new JurisdictionDefinition(
                jurisdiction, List.of(works), List.of(), List.of(type), List.of(), List.of(), List.of());
    }
}
