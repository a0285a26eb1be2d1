package org.civic311.database;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.civic311.common.PublicReads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Points the public read API at the replica when one is configured ({@code civic311.database.replica.url}). The
 * replica's pool is deliberately not a {@link DataSource} bean, so that Spring Boot still configures the primary as
 * the one data source of everything else: migrations, transactions, health.
 */
@Configuration(proxyBeanMethods = false)
class PublicReadsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PublicReadsConfiguration.class);

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty("civic311.database.replica.url")
    ReplicaConnections replicaConnections(ReplicaProperties replica, DataSourceProperties primary) {
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName("civic311-replica");
        pool.setJdbcUrl(replica.url());
        pool.setUsername(replica.username() != null ? replica.username() : primary.getUsername());
        pool.setPassword(replica.password() != null ? replica.password() : primary.getPassword());
        pool.setReadOnly(true);
        // As the primary's pool: an error logged never carries the row, which may hold a resident's details.
        pool.addDataSourceProperty("logServerErrorDetail", "false");
        pool.setMaximumPoolSize(replica.poolSize());
        pool.setConnectionTimeout(Math.max(250, replica.connectTimeout().toMillis()));
        // Start even while the replica is down: the public reads use the primary until it returns.
        pool.setInitializationFailTimeout(-1);
        // Without the URL's parameters, which may carry a password.
        log.info(
                "Public reads (Open311 searches, open data) go to the replica at {}",
                replica.url().replaceFirst("\\?.*", ""));
        return new ReplicaConnections(pool);
    }

    @Bean
    PublicReads publicReads(DataSource primary, ObjectProvider<ReplicaConnections> replica) {
        ReplicaConnections connections = replica.getIfAvailable();
        return new PublicReads(connections == null ? primary : new ReplicaOrPrimary(connections.pool(), primary));
    }

    /** The replica's connection pool, closed when the application stops. */
    record ReplicaConnections(HikariDataSource pool) implements AutoCloseable {
        @Override
        public void close() {
            pool.close();
        }
    }

    /**
     * The replica, or the primary while the replica cannot be reached: a public search slowed by a second is better
     * than one refused. A connection is checked before use, since one the pool took before the replica went away
     * would fail only at the query.
     */
    static final class ReplicaOrPrimary extends DelegatingDataSource {

        private static final int CHECK_SECONDS = 1;

        private final HikariDataSource replica;
        private final DataSource primary;
        private final java.util.concurrent.atomic.AtomicBoolean away = new java.util.concurrent.atomic.AtomicBoolean();

        ReplicaOrPrimary(HikariDataSource replica, DataSource primary) {
            super(replica);
            this.replica = replica;
            this.primary = primary;
        }

        @Override
        public Connection getConnection() throws SQLException {
            try {
                Connection connection = replica.getConnection();
                if (connection.isValid(CHECK_SECONDS)) {
                    if (away.compareAndSet(true, false)) {
                        log.info("The replica is back; public reads use it again");
                    }
                    return connection;
                }
                replica.evictConnection(connection);
                throw new SQLException("a connection to the replica is broken");
            } catch (SQLException unreachable) {
                if (away.compareAndSet(false, true)) {
                    log.warn(
                            "The replica cannot be reached ({}); public reads use the primary",
                            unreachable.getMessage());
                }
                return primary.getConnection();
            }
        }
    }
}
