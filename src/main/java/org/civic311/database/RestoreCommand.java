package org.civic311.database;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar civic311.jar restore FILE}: loads a backup into a new data directory (or an empty external
 * database) and a new media directory, then brings the schema up to this version of Civic311.
 */
@Component
@ConditionalOnProperty(name = "civic311.command", havingValue = "restore")
class RestoreCommand implements ApplicationRunner, ExitCodeGenerator {

    private final DataSource dataSource;
    private final Flyway flyway;
    private final Path mediaDirectory;
    private final PrintStream out = System.err;
    private int exitCode;

    RestoreCommand(
            DataSource dataSource,
            Flyway flyway,
            @Value("${civic311.media.directory:./data/media}") Path mediaDirectory) {
        this.dataSource = dataSource;
        this.flyway = flyway;
        this.mediaDirectory = mediaDirectory;
    }

    @Override
    public void run(ApplicationArguments arguments) throws Exception {
        List<String> files = arguments.getNonOptionArgs();
        if (files.size() != 1) {
            out.println("usage: restore FILE");
            exitCode = 2;
            return;
        }
        Path file = Path.of(files.getFirst());
        try {
            DatabaseBackup.Manifest manifest = DatabaseBackup.manifest(file);
            DatabaseBackup.restore(dataSource, mediaDirectory, file);
            // The backup's rows are in at their own schema version; now the migrations that came after it.
            Flyway.configure()
                    .configuration(flyway.getConfiguration())
                    .target(MigrationVersion.LATEST)
                    .load()
                    .migrate();
            out.printf(
                    "restore: %s taken %s restored: %,d rows, %d photos%n",
                    file,
                    manifest.takenAt(),
                    manifest.tables().values().stream()
                            .mapToLong(Long::longValue)
                            .sum(),
                    manifest.mediaFiles());
        } catch (IllegalArgumentException e) {
            out.println("restore: " + e.getMessage());
            exitCode = 2;
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
