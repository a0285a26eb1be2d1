package org.civic311.open311;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the discovery document says about this endpoint, and how much each client may ask of it.
 *
 * @param changeset when the endpoint's description last changed
 * @param endpointType "production" or "test"
 * @param rotationGrace how long a rotated key keeps working, so its client can switch without an outage
 * @param postsPerMinutePerKey requests one key may create a minute, unless the key has its own limit
 * @param postsPerMinutePerAddress requests one client address may create a minute, whatever keys it uses
 * @param searchesPerMinutePerAddress request searches (the expensive reads) one client address may make a minute
 */
@ConfigurationProperties("civic311.open311")
record Open311Properties(
        @DefaultValue("2026-11-22T00:00:00Z") String changeset,
        @DefaultValue("Contact the city's 311 service for help with this API.") String contact,
        @DefaultValue("Ask the city's 311 service for an API key.") String keyService,
        @DefaultValue("production") String endpointType,
        @DefaultValue("PT24H") Duration rotationGrace,
        @DefaultValue("600") int postsPerMinutePerKey,
        @DefaultValue("120") int postsPerMinutePerAddress,
        @DefaultValue("600") int searchesPerMinutePerAddress) {}
