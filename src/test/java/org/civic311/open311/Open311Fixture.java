package org.civic311.open311;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civic311.support.Http;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads like the calls an Open311 client makes against the demo city. */
final class Open311Fixture {

    static final String API_KEY = "demo-key";
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Toronto City Hall, in ward 10 Spadina-Fort York. */
    static final String CITY_HALL_LAT = "43.6534";

    static final String CITY_HALL_LONG = "-79.3841";

    private final Http http;

    Open311Fixture(int port) {
        this(new Http(port));
    }

    Open311Fixture(Http http) {
        this.http = http;
    }

    Http http() {
        return http;
    }

    Http.Response get(String path) {
        return http.get("/open311" + path);
    }

    Http.Response post(String format, String... nameValuePairs) {
        return http.postForm("/open311/v2/requests." + format, pairs(nameValuePairs));
    }

    /** A valid pothole report at City Hall; {@code changes} are name-value pairs that replace or add fields. */
    Http.Response postPothole(String format, String... changes) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("api_key", API_KEY);
        fields.put("service_code", "CSROWR-12");
        fields.put("lat", CITY_HALL_LAT);
        fields.put("long", CITY_HALL_LONG);
        fields.put("attribute[POTHOLE_SIZE]", "LARGE");
        fields.put("attribute[LOCATION_ON_ROAD]", "CURB_LANE");
        return post(format, changed(fields, changes));
    }

    /** Posts a realtime road debris report, which answers with its tracking number; {@code changes} as above. */
    String createRealtime(String... changes) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("api_key", API_KEY);
        fields.put("service_code", "TSRO-ROAD-DEBRIS");
        fields.put("lat", CITY_HALL_LAT);
        fields.put("long", CITY_HALL_LONG);
        fields.put("attribute[DEBRIS_TYPE]", "LARGE_OBJECT");
        fields.put("attribute[BLOCKING_LANE]", "YES");
        Http.Response response = post("json", changed(fields, changes));
        if (response.status() != 200) {
            throw new AssertionError("could not create a request: " + response.body());
        }
        return json(response).get(0).get("service_request_id").asString();
    }

    /** The base fields with each name in {@code changes} set to its new value, new names appended. */
    private static String[] with(String[] changes, String... base) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        for (int i = 0; i < base.length; i += 2) {
            fields.put(base[i], base[i + 1]);
        }
        for (int i = 0; i < changes.length; i += 2) {
            fields.put(changes[i], changes[i + 1]);
        }
        List<String> flat = new ArrayList<>();
        fields.forEach((name, value) -> {
            flat.add(name);
            flat.add(value);
        });
        return flat.toArray(String[]::new);
    }

    private static String[] changed(Map<String, String> fields, String... changes) {
        for (int i = 0; i < changes.length; i += 2) {
            fields.put(changes[i], changes[i + 1]);
        }
        List<String> flat = new ArrayList<>();
        fields.forEach((name, value) -> {
            flat.add(name);
            flat.add(value);
        });
        return flat.toArray(String[]::new);
    }

    static JsonNode json(Http.Response response) {
        return JSON.readTree(response.body());
    }

    static List<Map.Entry<String, String>> pairs(String... nameValuePairs) {
        if (nameValuePairs.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            pairs.add(Map.entry(nameValuePairs[i], nameValuePairs[i + 1]));
        }
        return pairs;
    }
}
