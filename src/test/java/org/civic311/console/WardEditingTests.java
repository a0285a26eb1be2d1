package org.civic311.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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
import org.springframework.jdbc.core.simple.JdbcClient;

/** After a redistricting, an administrator loads the new boundaries on screen, and new reports are placed by them. */
@Civic311Test
class WardEditingTests {

    @LocalServerPort
    int port;

    @Autowired
    ServiceRequests requests;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.civic311.catalog.CatalogEditor editor;

    @Autowired
    tools.jackson.databind.json.JsonMapper json;

    @Test
    void newBoundariesLoadedOnScreenPlaceTheNextReportsAndTheChangeIsRecorded() throws Exception {
        Http admin = Http.browser(port);
        assertThat(admin.signIn("admin", "civic311-demo", null).status()).isEqualTo(302);
        assertThat(admin.get("/staff/admin/catalogue/wards").body())
                .contains("Wards and their boundaries")
                .contains("Spadina-Fort York");
        assertThat(admin.get("/staff/catalogue").body())
                .contains("/staff/admin/catalogue/wards", "/staff/admin/catalogue/export");
        Http.Response exported = admin.get("/staff/admin/catalogue/export");
        assertThat(exported.status()).isEqualTo(200);
        assertThat(exported.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"catalog.json\"");
        assertThat(exported.body()).contains("\"jurisdiction\"", "\"serviceTypes\"", "\"id\" : \"toronto.ca\"");

        Http.Response refused =
                load(admin, "{\"type\":\"FeatureCollection\",\"features\":[".getBytes(StandardCharsets.UTF_8));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("wards:");
        Http.Response objects = load(
                admin,
                collection(
                        """
                        {"type":"Feature","properties":{"code":"10","name":"Spadina-Fort York"},
                        "geometry":{"type":"Polygon","coordinates":[[{"a":1,"b":2}]]}}"""));
        assertThat(objects.status()).as("not a 500").isEqualTo(400);
        assertThat(objects.body()).contains("not a GeoJSON FeatureCollection of Polygons and MultiPolygons");
        Http.Response swapped = load(admin, collection(square("10", "Spadina-Fort York", true)));
        assertThat(swapped.status()).isEqualTo(400);
        assertThat(swapped.body()).contains("lie nowhere near the city&#39;s wards");
        Http.Response twice = load(
                admin, collection(square("10", "Spadina-Fort York", false), square("10", "Spadina-Fort York", false)));
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.body()).contains("ward 10 is in the file twice");

        String department = jdbc.sql("select department_code from service_type where code = 'SWLMALB-02'")
                .query(String.class)
                .single();
        long ruleInWard02 = editor.addRoutingRule(
                        "toronto.ca",
                        new org.civic311.catalog.RoutingRuleForm(
                                "SWLMALB-02", "02", department, "QUEUE", "", "", "", "", ""),
                        "admin")
                .id();
        try {
            // Redistricted into one ward covering the whole city.
            Http.Response unsaid = load(admin, collection(square("10", "Spadina-Fort York", false)));
            assertThat(unsaid.status())
                    .as(
                            "a file that leaves wards out, where reports would be refused, is saved only when that is meant")
                    .isEqualTo(400);
            assertThat(unsaid.body()).contains("leave out wards 01, 02, 03", "if they are to go, say so");
            assertThat(wardOf(report(43.7615, -79.4111))).isNotEqualTo("10");
            Http.Response loaded = admin.postMultipart(
                    "/staff/admin/catalogue/wards",
                    List.of(
                            Map.entry("_csrf", admin.csrf("/staff/admin/catalogue/wards")),
                            Map.entry("leaveOut", "on")),
                    List.of(Map.entry("file", collection(square("10", "Spadina-Fort York", false)))));
            assertThat(loaded.status()).isEqualTo(302);
            assertThat(admin.get("/staff/admin/catalogue/wards").body())
                    .contains("Saved: 1 wards drawn; no longer placing reports: 01, 02, 03")
                    .containsPattern("; routing rules that now pick nothing: rule \\d+ \\(all of SWM in ward \\d\\d\\)")
                    .contains(", rule " + ruleInWard02 + " (SWLMALB-02 in ward 02)")
                    .contains("<td>10</td>");
            assertThat(jdbc.sql(
                                    """
                                    select count(*) from catalogue_change
                                    where kind = 'WARDS' and change like '%rule ' || :rule || ' (SWLMALB-02 in ward 02)%'""")
                            .param("rule", String.valueOf(ruleInWard02))
                            .query(Integer.class)
                            .single())
                    .as("kept in the catalogue's record")
                    .isEqualTo(1);

            assertThat(wardOf(report(43.7615, -79.4111)))
                    .as("North York, now in ward 10")
                    .isEqualTo("10");
        } finally {
            editor.removeRoutingRule("toronto.ca", ruleInWard02, "admin");
            // The city's own 1 MB file, past the tests' upload limit: put back through the same editor.
            try (var in = getClass().getResourceAsStream("/democity/wards.geojson")) {
                editor.replaceWards("toronto.ca", new org.civic311.catalog.CityFile(json).readWards(in), true, "test");
            }
        }
        assertThat(wardOf(report(43.7615, -79.4111)))
                .as("the city's own boundaries are back")
                .isNotEqualTo("10")
                .isNotNull();
    }

    private static Http.Response load(Http admin, byte[] file) {
        return admin.postMultipart(
                "/staff/admin/catalogue/wards",
                List.of(Map.entry("_csrf", admin.csrf("/staff/admin/catalogue/wards"))),
                List.of(Map.entry("file", file)));
    }

    private static byte[] collection(String... features) {
        return ("{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A square around the whole city; with latitude and longitude swapped, somewhere in the southern seas. */
    private static String square(String code, String name, boolean swapped) {
        String ring = swapped
                ? "[[43.5,-79.7],[43.5,-79.0],[43.9,-79.0],[43.9,-79.7],[43.5,-79.7]]"
                : "[[-79.7,43.5],[-79.0,43.5],[-79.0,43.9],[-79.7,43.9],[-79.7,43.5]]";
        return """
                {"type":"Feature","properties":{"code":"%s","name":"%s"},"geometry":{"type":"Polygon",
                "coordinates":[%s]}}"""
                .formatted(code, name, ring);
    }

    private String report(double lat, double lon) {
        return requests.submit(new NewServiceRequest(
                        null,
                        "SWLMALB-02",
                        new Location(lat, lon, null, null, null),
                        "Tags on the bin by the dock",
                        Map.of(),
                        java.util.List.of(),
                        List.of(),
                        Reporter.anonymous(),
                        Channel.WEB,
                        null))
                .publicId();
    }

    private String wardOf(String publicId) {
        return jdbc.sql("select ward_code from service_request where public_id = :id")
                .param("id", publicId)
                .query(String.class)
                .single();
    }
}
