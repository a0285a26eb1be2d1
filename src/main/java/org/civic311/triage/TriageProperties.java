package org.civic311.triage;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param geocoder {@code gazetteer} (built in, from the jurisdiction's address data) or {@code nominatim}
 * @param nominatimUrl the base URL of a Nominatim-compatible search service
 * @param nominatimSuffix appended to every query to keep it in the city
 * @param requestsPerMinute how many triage calls one client may make a minute on the public endpoint
 */
@ConfigurationProperties("civic311.triage")
record TriageProperties(
        @DefaultValue("gazetteer") String geocoder,
        @Nullable String nominatimUrl,
        @DefaultValue("") String nominatimSuffix,
        @DefaultValue("60") int requestsPerMinute) {}
