package org.civic311.database;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** {@code java -jar civic311.jar backup FILE}: the database and the photos, while Civic311 runs or not. */
@Component
@ConditionalOnProperty(name = "civic311.command", havingValue = "backup")
class BackupCommand implements ApplicationRunner, ExitCodeGenerator {

    private final DataSource dataSource;
    private final Path mediaDirectory;
    private final PrintStream out = System.err;
    private int exitCode;

    BackupCommand(DataSource dataSource, @Value("${civic311.media.directory:./data/media}") Path mediaDirectory) {
        this.dataSource = dataSource;
        this.mediaDirectory = mediaDirectory;
    }

    @Override
    public void run(ApplicationArguments arguments) throws Exception {
        List<String> files = arguments.getNonOptionArgs();
        if (files.size() != 1) {
            out.println("usage: backup FILE");
            exitCode = 2;
            return;
        }
        Path file = Path.of(files.getFirst());
        if (Files.exists(file)) {
            out.println("backup: " + file + " exists; choose a new file name");
            exitCode = 2;
            return;
        }
        try {
            long started = System.nanoTime();
            DatabaseBackup.Manifest manifest = DatabaseBackup.write(dataSource, mediaDirectory, file);
            out.printf(
                    "backup: %s written in %.1f s: %,d rows of %d tables at schema %s, %d photos, %,d bytes%n",
                    file,
                    (System.nanoTime() - started) / 1e9,
                    manifest.tables().values().stream()
                            .mapToLong(Long::longValue)
                            .sum(),
                    manifest.tables().size(),
                    manifest.schemaVersion(),
                    manifest.mediaFiles(),
                    Files.size(file));
        } catch (IllegalArgumentException e) {
            out.println("backup: " + e.getMessage());
            exitCode = 2;
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
