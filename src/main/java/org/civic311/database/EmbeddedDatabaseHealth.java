package org.civic311.database;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether the embedded PostgreSQL this instance started still runs. It is part of the instance: once its postmaster
 * is gone (killed, out of memory) nothing brings it back but a restart, so the instance is no longer live, which
 * tells its supervisor (systemd, Kubernetes) to restart it. An external database, or one merely slow to answer, is
 * readiness's concern: restarting the instance would not bring it back.
 */
@Component("embeddedDatabase")
class EmbeddedDatabaseHealth implements HealthIndicator {

    /** The embedded server's data directory; null with an external database. */
    private final @Nullable Path dataDirectory;

    @org.springframework.beans.factory.annotation.Autowired
    EmbeddedDatabaseHealth(
            ObjectProvider<io.zonky.test.db.postgres.embedded.EmbeddedPostgres> embedded,
            ObjectProvider<EmbeddedDatabaseProperties> properties) {
        this(
                embedded.getIfAvailable() == null || properties.getIfAvailable() == null
                        ? null
                        : properties.getObject().dataDirectory());
    }

    EmbeddedDatabaseHealth(@Nullable Path dataDirectory) {
        this.dataDirectory =
                dataDirectory == null ? null : dataDirectory.toAbsolutePath().normalize();
    }

    @Override
    public Health health() {
        if (dataDirectory == null) {
            return Health.up().withDetail("database", "external").build();
        }
        return OrphanPostmaster.running(dataDirectory)
                .map(postmaster ->
                        Health.up().withDetail("pid", postmaster.pid()).build())
                .orElseGet(() -> Health.down()
                        .withDetail("reason", "the embedded PostgreSQL is not running: restart Civic311")
                        .build());
    }
}
