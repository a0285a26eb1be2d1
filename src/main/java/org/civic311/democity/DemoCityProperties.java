package org.civic311.democity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled load the demo city into an empty database at start-up: off unless asked, as its staff passwords and
 *     API key are published
 * @param history also load the demo city's real historical requests
 * @param apiKey the documented Open311 API key of the demo
 * @param staffPassword the documented password of the demo staff accounts
 */
@ConfigurationProperties("civic311.demo")
record DemoCityProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("true") boolean history,
        @DefaultValue("demo-key") String apiKey,
        @DefaultValue("civic311-demo") String staffPassword) {}
