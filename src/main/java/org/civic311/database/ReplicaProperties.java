package org.civic311.database;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A read replica of the primary PostgreSQL (streaming replication) for the public read API.
 *
 * @param url the replica's JDBC URL; unset, the public reads go to the primary
 * @param username the user to connect as; unset, the primary's
 * @param password that user's password; unset, the primary's
 * @param poolSize connections kept open to the replica
 * @param connectTimeout how long to wait for a connection to the replica before reading the primary instead
 */
@ConfigurationProperties("civic311.database.replica")
record ReplicaProperties(
        @Nullable String url,
        @Nullable String username,
        @Nullable String password,
        @DefaultValue("10") int poolSize,
        @DefaultValue("1s") Duration connectTimeout) {}
