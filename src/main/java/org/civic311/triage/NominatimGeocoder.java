package org.civic311.triage;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A geocoder for production: any Nominatim-compatible search service ({@code /search?q=…&format=jsonv2}), asked for
 * the address within the jurisdiction's city.
 */
final class NominatimGeocoder implements Geocoder {

    private static final Logger log = LoggerFactory.getLogger(NominatimGeocoder.class);

    private final String baseUrl;
    private final String suffix;
    private final JsonMapper json;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param suffix appended to every query so it stays in the city ("Toronto, Ontario, Canada")
     */
    NominatimGeocoder(String baseUrl, String suffix, JsonMapper json) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.suffix = suffix;
        this.json = json;
    }

    @Override
    public Optional<Position> locate(String jurisdictionId, String address) {
        String query = address.replace(" / ", " & ") + (suffix.isBlank() ? "" : ", " + suffix);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/search?format=jsonv2&limit=1&q="
                        + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(5))
                .header("User-Agent", "Civic311 (open-source 311 platform)")
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                // Never the address itself: it may be someone's home, and logs are outside erasure and retention.
                log.warn(
                        "Geocoder answered {} for an address of {} characters",
                        response.statusCode(),
                        address.length());
                return Optional.empty();
            }
            JsonNode results = json.readTree(response.body());
            if (!results.isArray() || results.isEmpty()) {
                return Optional.empty();
            }
            JsonNode best = results.get(0);
            return Optional.of(new Position(
                    Double.parseDouble(best.get("lat").asString()),
                    Double.parseDouble(best.get("lon").asString())));
        } catch (IOException | RuntimeException e) {
            log.warn("Geocoder failed: {}", e.getClass().getSimpleName());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
