package org.civic311.database;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where and how the embedded PostgreSQL runs.
 *
 * @param dataDirectory the cluster's data directory; kept across restarts
 * @param port the TCP port on the loopback interface; 0 picks a free one (tests)
 * @param startupTimeout how long to wait for the server to accept connections
 * @param ephemeral delete the data directory when the application stops (tests)
 */
@ConfigurationProperties("civic311.database.embedded")
record EmbeddedDatabaseProperties(
        @DefaultValue("./data/pg") Path dataDirectory,
        @DefaultValue("15432") int port,
        @DefaultValue("60s") Duration startupTimeout,
        @DefaultValue("false") boolean ephemeral) {}
