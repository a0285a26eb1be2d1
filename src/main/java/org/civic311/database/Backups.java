package org.civic311.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * How the {@code backup} and {@code restore} commands start: a backup is taken from the running Civic311's own
 * server when one is running (a hot backup, without stopping the city's 311), and neither command changes anything
 * on start (no demo city, no migration beyond the backup's schema).
 */
public final class Backups {

    private Backups() {}

    /** Arguments that win over the configuration, for the command about to start. */
    public static List<String> arguments(String command, String... commandArguments) throws IOException {
        return switch (command) {
            case "backup" -> List.of("--civic311.demo.enabled=false", "--spring.flyway.enabled=false");
            case "administrator", "knowledge" -> List.of("--spring.flyway.enabled=false");
            case "restore" -> {
                if (commandArguments.length == 0 || commandArguments[0].startsWith("--")) {
                    yield List.of("--civic311.demo.enabled=false");
                }
                // Migrate only as far as the backup's schema; the rest of the way after its rows are in.
                String version =
                        DatabaseBackup.manifest(Path.of(commandArguments[0])).schemaVersion();
                yield List.of("--civic311.demo.enabled=false", "--spring.flyway.target=" + version);
            }
            default -> List.of();
        };
    }

    /**
     * For a backup: when a running Civic311 holds the embedded data directory, connect to its server (the port is
     * in the server's pid file) rather than fail on the lock.
     */
    public static ApplicationContextInitializer<ConfigurableApplicationContext> connectToRunningServer() {
        return context -> {
            ConfigurableEnvironment environment = context.getEnvironment();
            String url = environment.getProperty("spring.datasource.url");
            if (url != null && !url.isBlank()) {
                return;
            }
            Path data = Path.of(environment.getProperty("civic311.database.embedded.data-directory", "./data/pg"))
                    .toAbsolutePath()
                    .normalize();
            Path pidFile = data.resolve("postmaster.pid");
            try {
                if (!Files.exists(pidFile) || !OrphanPostmaster.heldByLiveApplication(data.resolve("epg-lock"))) {
                    return;
                }
                List<String> lines = Files.readAllLines(pidFile);
                // postmaster.pid: pid, data directory, start time, port, ...
                int port = Integer.parseInt(lines.get(3).trim());
                environment
                        .getPropertySources()
                        .addFirst(new MapPropertySource(
                                "running-civic311",
                                Map.of(
                                        "spring.datasource.url",
                                        "jdbc:postgresql://localhost:" + port + "/"
                                                + EmbeddedDatabaseConfiguration.DATABASE,
                                        "spring.datasource.username",
                                        "postgres",
                                        "spring.datasource.password",
                                        // Read, never made: a command run by another account must not make one.
                                        EmbeddedPassword.existing(data).orElse(""))));
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("Could not reach the running Civic311's database in " + data, e);
            }
        };
    }
}
