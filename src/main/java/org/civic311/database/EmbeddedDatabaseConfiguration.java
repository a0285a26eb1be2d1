package org.civic311.database;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts PostgreSQL from the embedded binaries when no external database is configured, with durable settings: a
 * request acknowledged to a resident must survive a power cut, so fsync and synchronous commit stay on.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ExternalDatabaseAbsent.class)
class EmbeddedDatabaseConfiguration {

    static final String DATABASE = "civic311";

    /** The server {@link EarlyDatabaseStart} began starting while the context was read, or else one started now. */
    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(
            ObjectProvider<EarlyDatabaseStart.Starting> starting, EmbeddedDatabaseProperties properties)
            throws IOException {
        EarlyDatabaseStart.Starting early = starting.getIfAvailable();
        return early != null ? early.await() : start(properties);
    }

    static EmbeddedPostgres start(EmbeddedDatabaseProperties properties) throws IOException {
        Path dataDirectory = properties.dataDirectory().toAbsolutePath().normalize();
        Files.createDirectories(dataDirectory);
        ClusterVersion.requireBundled(dataDirectory);
        OrphanPostmaster.clear(dataDirectory, Duration.ofSeconds(30));
        String password = EmbeddedPassword.of(dataDirectory);
        EmbeddedPostgres postgres = builder(properties, dataDirectory).start();
        requirePassword(postgres, dataDirectory, password);
        ensureDatabase(postgres);
        return postgres;
    }

    /** The server as Civic311 runs it, on the data directory whose password {@link EmbeddedPassword} keeps. */
    static EmbeddedPostgres.Builder builder(EmbeddedDatabaseProperties properties, Path dataDirectory)
            throws IOException {
        String password = EmbeddedPassword.of(dataDirectory);
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(properties.ephemeral())
                // Spring stops the server as the last bean, after everything that still writes to it.
                .setRegisterShutdownHook(false)
                .setPort(properties.port())
                .setPGStartupWait(properties.startupTimeout())
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("max_connections", "100")
                .setServerConfig("password_encryption", "scram-sha-256")
                // Its log, passed into the application's, says what failed without the row (a DETAIL line may hold
                // a resident's email), which no erasure reaches.
                .setServerConfig("log_error_verbosity", "terse")
                // A new cluster is set up asking for the password from its first moment (zonky's own set-up trusts
                // anyone on the machine; its options come after, and initdb takes the last): no one slips in
                // before the first start has locked it.
                .setLocaleConfig("auth", "scram-sha-256")
                .setLocaleConfig(
                        "pwfile", EmbeddedPassword.fileOf(dataDirectory).toString())
                // Given on every connection.
                .setConnectConfig("password", password);
    }

    /**
     * Gives the superuser its password and asks every connection for it, on a fresh cluster (whose set-up trusts
     * anyone on the machine) and on one set up before Civic311 did this; a cluster already asking is left as it is.
     */
    private static void requirePassword(EmbeddedPostgres postgres, Path dataDirectory, String password)
            throws IOException {
        if (EmbeddedPassword.asksForIt(dataDirectory)) {
            return;
        }
        Path hba = dataDirectory.resolve("pg_hba.conf");
        try (var connection = postgres.getPostgresDatabase().getConnection();
                var statement = connection.createStatement()) {
            // The password is ours (base64url), never anyone's input: quoting it is enough.
            statement.execute("alter role postgres password '" + password + "'");
            Files.writeString(hba, EmbeddedPassword.HBA);
            statement.execute("select pg_reload_conf()");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Could not give the embedded database its password", e);
        }
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(
            EmbeddedPostgres postgres, DataSourceProperties properties, EmbeddedDatabaseProperties embedded)
            throws IOException {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", DATABASE));
        dataSource.setUsername("postgres");
        dataSource.setPassword(EmbeddedPassword.of(embedded.dataDirectory()));
        dataSource.setPoolName(properties.getName() == null ? "civic311" : properties.getName());
        return dataSource;
    }

    private static void ensureDatabase(EmbeddedPostgres postgres) {
        try (var connection = postgres.getPostgresDatabase().getConnection();
                var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE);
            try (var result = exists.executeQuery()) {
                if (!result.next()) {
                    try (var create = connection.createStatement()) {
                        create.execute("create database " + DATABASE + " encoding 'UTF8'");
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Could not create the " + DATABASE + " database", e);
        }
    }
}
