package org.civic311.open311;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the discovery document says about this endpoint.
 *
 * @param changeset when the endpoint's description last changed
 * @param endpointType "production" or "test"
 */
@ConfigurationProperties("civic311.open311")
record Open311Properties(
        @DefaultValue("2026-11-22T00:00:00Z") String changeset,
        @DefaultValue("Contact the city's 311 service for help with this API.") String contact,
        @DefaultValue("Ask the city's 311 service for an API key.") String keyService,
        @DefaultValue("production") String endpointType) {}
