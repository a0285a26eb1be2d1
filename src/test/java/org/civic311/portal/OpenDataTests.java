package org.civic311.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.civic311.requests.Channel;
import org.civic311.requests.Location;
import org.civic311.requests.NewServiceRequest;
import org.civic311.requests.Reporter;
import org.civic311.requests.ServiceRequests;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Requests as open data: CSV and GeoJSON of their public fields, filtered, streamed, and safe to open. */
@Civic311Test
class OpenDataTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    ServiceRequests requests;

    @Autowired
    org.springframework.core.env.Environment environment;

    String report(String description, String address, double lat, double lon) {
        return requests.submit(new NewServiceRequest(
                        null,
                        "SWLMALB-02",
                        new Location(lat, lon, address, null, null),
                        description,
                        Map.of(),
                        java.util.List.of(),
                        List.of(),
                        new Reporter("Noor", "Haddad", "noor.haddad@example.org", "416-555-0166", null, null),
                        Channel.WEB,
                        null))
                .publicId();
    }

    String today() {
        return LocalDate.now(ZoneId.of("America/Toronto")).toString();
    }

    @Test
    void theCsvHoldsThePublicFieldsQuotedAndNeverRunsAFormula() {
        String formula =
                report("=HYPERLINK(\"http://evil.example\",\"click\")", "1130 Queen St E", 43.6624919, -79.3348278);
        String quoted = report("Tags, \"fresh\" ones,\nagain", "1167 QUEEN ST E", 43.6624909, -79.3328836);

        Http.Response csv = new Http(port)
                .get("/open-data/requests.csv?from=" + today() + "&to=" + today() + "&service=SWLMALB-02&status=open");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"requests.csv\"");
        String body = csv.body();
        assertThat(body).startsWith(String.join(",", OpenDataDownloads.COLUMNS) + "\r\n");
        assertThat(body)
                .contains(formula + ",SWLMALB-02,Graffiti on a City litter bin,")
                .contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"")
                .contains(quoted + ",")
                .contains("\"Tags, \"\"fresh\"\" ones,\nagain\"")
                .contains(",43.6624919,-79.3348278,false,")
                .doesNotContain("Noor")
                .doesNotContain("noor.haddad@example.org")
                .doesNotContain("416-555-0166");
        assertThat(new Http(port)
                        .get("/open-data/requests.csv?from=" + today() + "&to=" + today() + "&status=closed")
                        .body())
                .doesNotContain(formula);
    }

    String withPhoto(String address, boolean sentPrivately) {
        return requests.submit(new NewServiceRequest(
                        null,
                        "SWLMALB-02",
                        new Location(43.6437614, -79.4194418, address, null, null),
                        "Tags on the bin, photo attached",
                        Map.of(),
                        java.util.List.of(),
                        List.of(new org.civic311.requests.Upload(
                                "media", org.civic311.support.Images.png(24, 24), sentPrivately)),
                        Reporter.anonymous(),
                        Channel.WEB,
                        null))
                .publicId();
    }

    @Test
    void theDownloadsGiveThePhotosThePublicSeesAndNoneKeptForStaff() {
        String shown = withPhoto("1043 Queen St W", false);
        String kept = withPhoto("1045 Queen St W", true);
        String photo =
                requests.find("toronto.ca", shown).orElseThrow().mediaUrls().getFirst();
        String staffOnly =
                requests.find("toronto.ca", kept).orElseThrow().mediaUrls().getFirst();
        String period = "?from=" + today() + "&to=" + today() + "&service=SWLMALB-02";

        String csv = new Http(port).get("/open-data/requests.csv" + period).body();
        assertThat(csv.lines().filter(line -> line.startsWith(shown + ",")))
                .singleElement()
                .satisfies(line -> assertThat(line).endsWith(",http://localhost:" + port + photo));
        assertThat(csv.lines().filter(line -> line.startsWith(kept + ",")))
                .singleElement()
                .satisfies(line -> assertThat(line).endsWith(","));
        assertThat(csv).doesNotContain(staffOnly);
        JsonNode features = JSON.readTree(new Http(port)
                        .get("/open-data/requests.geojson" + period)
                        .body())
                .get("features");
        for (JsonNode feature : features) {
            String id = feature.get("id").asString();
            if (id.equals(shown)) {
                assertThat(feature.get("properties").get("media_urls").get(0).asString())
                        .isEqualTo("http://localhost:" + port + photo);
            } else if (id.equals(kept)) {
                assertThat(feature.get("properties").get("media_urls").isEmpty())
                        .isTrue();
            }
        }
    }

    @Test
    void theGeoJsonIsAFeatureCollectionWithLongitudeFirst() {
        String id = report("Tags on the bin by the library", "1033 Queen St W", 43.6437614, -79.4194418);
        Http.Response geojson =
                new Http(port).get("/open-data/requests.geojson?from=" + today() + "&to=" + today() + "&ward=");
        assertThat(geojson.status()).isEqualTo(200);
        assertThat(geojson.contentType()).startsWith("application/geo+json");
        JsonNode collection = JSON.readTree(geojson.body());
        assertThat(collection.get("type").asString()).isEqualTo("FeatureCollection");
        JsonNode feature = null;
        for (JsonNode candidate : collection.get("features")) {
            if (candidate.get("id").asString().equals(id)) {
                feature = candidate;
            }
        }
        assertThat(feature).isNotNull();
        assertThat(feature.get("geometry").get("coordinates").get(0).asDouble()).isEqualTo(-79.4194418);
        assertThat(feature.get("geometry").get("coordinates").get(1).asDouble()).isEqualTo(43.6437614);
        assertThat(feature.get("properties").get("status").asString()).isEqualTo("open");
        assertThat(feature.get("properties").has("email")).isFalse();
        assertThat(geojson.body()).doesNotContain("noor.haddad@example.org");
    }

    @Test
    void theWardsDownloadWithTheCodesTheFilterTakesAndOutlinesThatHoldTheirRequests() {
        Http.Response response = new Http(port).get("/open-data/wards.geojson");
        assertThat(response.status()).isEqualTo(200);
        JsonNode wards = JSON.readTree(response.body());
        assertThat(wards.get("type").asString()).isEqualTo("FeatureCollection");
        assertThat(wards.get("features").size()).isEqualTo(25);
        JsonNode ward10 = wards.get("features").values().stream()
                .filter(f -> f.get("properties").get("code").asString().equals("10"))
                .findFirst()
                .orElseThrow();
        assertThat(ward10.get("properties").get("name").asString()).isNotBlank();
        assertThat(ward10.get("geometry").get("type").asString()).isEqualTo("MultiPolygon");
        // City Hall (43.6534, -79.3841) lies in ward 10: its outlines, longitude first, surround it.
        double west = Double.MAX_VALUE, east = -Double.MAX_VALUE, south = Double.MAX_VALUE, north = -Double.MAX_VALUE;
        for (JsonNode polygon : ward10.get("geometry").get("coordinates")) {
            JsonNode ring = polygon.get(0);
            assertThat(ring.get(0).toString())
                    .as("closed, as GeoJSON wants")
                    .isEqualTo(ring.get(ring.size() - 1).toString());
            for (JsonNode position : ring) {
                west = Math.min(west, position.get(0).asDouble());
                east = Math.max(east, position.get(0).asDouble());
                south = Math.min(south, position.get(1).asDouble());
                north = Math.max(north, position.get(1).asDouble());
            }
        }
        assertThat(-79.3841).isBetween(west, east);
        assertThat(43.6534).isBetween(south, north);
    }

    @Test
    void aFilterThatMakesNoSenseIsRefusedNamingIt() {
        Http http = new Http(port);
        assertThat(http.get("/open-data/requests.csv?from=2026-13-01").status()).isEqualTo(400);
        assertThat(http.get("/open-data/requests.csv?from=2026-11-20&to=2026-11-01")
                        .body())
                .contains("\"field\":\"from\"");
        assertThat(http.get("/open-data/requests.geojson?service=NOPE").body()).contains("\"field\":\"service\"");
        assertThat(http.get("/open-data/requests.csv?status=lost").body()).contains("\"field\":\"status\"");
        assertThat(http.get("/open-data/requests.csv?ward=99").body()).contains("\"field\":\"ward\"");
        assertThat(http.get("/open-data/requests.csv?from=1500-01-01").status()).isEqualTo(400);
    }

    @Autowired
    org.civic311.requests.RequestWork work;

    @Test
    void aMirrorAsksForWhatChangedSinceADayWhateverDayItWasMade() {
        java.time.Instant made = java.time.Instant.parse("2019-05-14T14:00:00Z");
        requests.importHistorical(
                "toronto.ca",
                List.of(new org.civic311.requests.HistoricalRequest(
                        "OD-CHANGED-1",
                        "SWLMALB-02",
                        null,
                        null,
                        false,
                        null,
                        "Tags on the bin by the ferry docks",
                        null,
                        new Location(43.6437614, -79.4194418, "1033 Queen St W", null, null),
                        null,
                        made,
                        made,
                        made.plus(java.time.Duration.ofDays(2)))));
        work.transition(
                "toronto.ca",
                "OD-CHANGED-1",
                new org.civic311.requests.Transition(
                        "completed", "Painted over at last.", null, org.civic311.catalog.Resolution.FIXED),
                new org.civic311.requests.Actor("swm", "web"));

        Http http = new Http(port);
        assertThat(http.get("/open-data/requests.csv?changed_since=" + today()).body())
                .contains("OD-CHANGED-1,SWLMALB-02,");
        assertThat(http.get("/open-data/requests.csv?from=" + today() + "&to=" + today())
                        .body())
                .as("made in 2019, not today")
                .doesNotContain("OD-CHANGED-1");
        Http.Response both = http.get("/open-data/requests.csv?changed_since=" + today() + "&from=" + today());
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.body()).contains("\"field\":\"changed_since\"");
    }

    @Test
    void aLongDownloadIsNotCutOffByTheDefaultAsynchronousTimeout() {
        // Streamed downloads are asynchronous answers: Tomcat's default ends them after 30 seconds, mid-file.
        java.time.Duration timeout = environment.getProperty(
                "spring.mvc.async.request-timeout", java.time.Duration.class, java.time.Duration.ofSeconds(30));
        assertThat(timeout).isGreaterThanOrEqualTo(java.time.Duration.ofHours(1));
    }

    @Test
    void theFrontPageSaysUnderWhichLicenceTheDataIsPublishedAndHowToAskForAPeriod() {
        String english = new Http(port).get("/").body();
        assertThat(english)
                .contains("Published under the", "href=\"https://open.toronto.ca/open-data-license/\"")
                .contains("Open Government Licence - Toronto")
                .contains("/open-data/requests.csv?from=2026-01-01&amp;to=2026-03-31&amp;status=open")
                .contains("The demo city’s is demo-key.");
        assertThat(new Http(port).get("/?lang=fr").body()).contains("Publiées sous la licence", "Par exemple");
    }
}
