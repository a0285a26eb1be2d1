package org.civic311.database;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Civic311 backup: every table's rows (PostgreSQL COPY, from one consistent snapshot), every sequence's position,
 * the schema version they belong to, and the stored photos, in one zip file. Plain Java over JDBC, so it needs no
 * PostgreSQL client tools, and it can be taken while Civic311 serves.
 */
final class DatabaseBackup {

    static final String MANIFEST = "manifest.json";
    static final String FORMAT = "civic311-backup-1";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DatabaseBackup() {}

    /** What a backup holds, as its manifest says. */
    record Manifest(String format, String schemaVersion, Instant takenAt, Map<String, Long> tables, int mediaFiles) {}

    /**
     * Writes the backup to a temporary file beside {@code file} and moves it into place only when complete, so a
     * file with the backup's name is always a whole backup.
     */
    static Manifest write(DataSource dataSource, Path mediaDirectory, Path file) throws IOException, SQLException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        // It holds password hashes, sessions and residents' personal data: readable by its owner alone.
        Files.deleteIfExists(partial);
        if (partial.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(
                    partial,
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        }
        Manifest manifest;
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(partial));
                Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement snapshot = connection.createStatement()) {
                // Every table read from the same instant, as pg_dump does.
                snapshot.execute("set transaction isolation level repeatable read, read only");
            }
            String version = schemaVersion(connection);
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            Map<String, Long> tables = new LinkedHashMap<>();
            for (String table : tables(connection)) {
                zip.putNextEntry(new ZipEntry("tables/" + table + ".tsv"));
                tables.put(
                        table,
                        copy.copyOut(
                                "copy public." + quote(table) + " to stdout",
                                // COPY closes what it writes to; the zip's next entry follows.
                                org.springframework.util.StreamUtils.nonClosing(zip)));
                zip.closeEntry();
            }
            Map<String, Object> sequences = sequences(connection);
            connection.commit();
            // Photos after the rows: a photo is stored before the row that names it, so none named is missing.
            int media = 0;
            if (Files.isDirectory(mediaDirectory)) {
                try (Stream<Path> files = Files.walk(mediaDirectory)) {
                    for (Path photo : files.filter(Files::isRegularFile)
                            // An upload still being written is not a stored photo yet.
                            .filter(path -> !path.getFileName().toString().endsWith(".part"))
                            .sorted()
                            .toList()) {
                        byte[] bytes;
                        try {
                            bytes = Files.readAllBytes(photo);
                        } catch (java.nio.file.NoSuchFileException gone) {
                            continue; // removed while the backup ran
                        }
                        zip.putNextEntry(new ZipEntry("media/"
                                + mediaDirectory.relativize(photo).toString().replace('\\', '/')));
                        zip.write(bytes);
                        zip.closeEntry();
                        media++;
                    }
                }
            }
            manifest = new Manifest(FORMAT, version, Instant.now(), tables, media);
            Map<String, Object> written = new LinkedHashMap<>();
            written.put("format", FORMAT);
            written.put("schemaVersion", version);
            written.put("takenAt", manifest.takenAt().toString());
            written.put("tables", tables);
            written.put("sequences", sequences);
            written.put("mediaFiles", media);
            zip.putNextEntry(new ZipEntry(MANIFEST));
            zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(written));
            zip.closeEntry();
        } catch (IOException | SQLException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        return manifest;
    }

    /** The manifest of a backup file, or an explanation of why the file is not one. */
    static Manifest manifest(Path file) throws IOException {
        JsonNode manifest = readManifest(file);
        Map<String, Long> tables = new LinkedHashMap<>();
        manifest.get("tables")
                .properties()
                .forEach(e -> tables.put(e.getKey(), e.getValue().asLong()));
        return new Manifest(
                manifest.get("format").asString(),
                manifest.get("schemaVersion").asString(),
                Instant.parse(manifest.get("takenAt").asString()),
                tables,
                manifest.get("mediaFiles").asInt());
    }

    /**
     * Loads a backup into a database migrated to the backup's schema version and holding no rows, in one
     * transaction, and its photos into an empty media directory.
     */
    static void restore(DataSource dataSource, Path mediaDirectory, Path file) throws IOException, SQLException {
        JsonNode manifest = readManifest(file);
        Path root = mediaDirectory.toAbsolutePath().normalize();
        try (ZipFile zip = new ZipFile(file.toFile());
                Connection connection = dataSource.getConnection()) {
            // Every photo's place is checked before any row goes in, so a bad file leaves the database empty.
            Enumeration<? extends ZipEntry> names = zip.entries();
            while (names.hasMoreElements()) {
                String name = names.nextElement().getName();
                if (name.startsWith("media/")
                        && !root.resolve(name.substring("media/".length()))
                                .normalize()
                                .startsWith(root)) {
                    throw new IllegalArgumentException("the backup names a file outside the media directory: " + name);
                }
            }
            connection.setAutoCommit(false);
            String version = schemaVersion(connection);
            if (!version.equals(manifest.get("schemaVersion").asString())) {
                throw new IllegalArgumentException("the database is at schema version " + version
                        + " but the backup at " + manifest.get("schemaVersion").asString());
            }
            List<String> present = tables(connection);
            for (String table : present) {
                if (hasRows(connection, table)) {
                    throw new IllegalArgumentException("the database already holds data (table " + table
                            + "); restore into a new data directory or an empty database");
                }
            }
            if (Files.isDirectory(mediaDirectory)) {
                try (Stream<Path> photos = Files.list(mediaDirectory)) {
                    if (photos.findAny().isPresent()) {
                        throw new IllegalArgumentException("the media directory " + mediaDirectory.toAbsolutePath()
                                + " is not empty; restore into a new one");
                    }
                }
            }
            try (Statement statement = connection.createStatement()) {
                // Rows go in table by table: references are checked by the data's own history, not in order here.
                statement.execute("set local session_replication_role = replica");
            }
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (Map.Entry<String, JsonNode> table : manifest.get("tables").properties()) {
                if (!present.contains(table.getKey())) {
                    throw new IllegalArgumentException(
                            "the backup holds table " + table.getKey() + ", which this database does not have");
                }
                ZipEntry entry = zip.getEntry("tables/" + table.getKey() + ".tsv");
                if (entry == null) {
                    throw new IllegalArgumentException("the backup lacks the rows of " + table.getKey());
                }
                try (InputStream rows = zip.getInputStream(entry)) {
                    long loaded = copy.copyIn("copy public." + quote(table.getKey()) + " from stdin", rows);
                    if (loaded != table.getValue().asLong()) {
                        throw new IllegalArgumentException(
                                "the backup's " + table.getKey() + " has " + loaded + " rows where its manifest says "
                                        + table.getValue().asLong());
                    }
                }
            }
            for (Map.Entry<String, JsonNode> sequence :
                    manifest.get("sequences").properties()) {
                try (var set = connection.prepareStatement("select setval(?::regclass, ?, ?)")) {
                    set.setString(1, "public." + quote(sequence.getKey()));
                    set.setLong(2, sequence.getValue().get("value").asLong());
                    set.setBoolean(3, sequence.getValue().get("called").asBoolean());
                    set.execute();
                }
            }
            connection.commit();
            Files.createDirectories(mediaDirectory);
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (!entry.getName().startsWith("media/") || entry.isDirectory()) {
                    continue;
                }
                Path target = root.resolve(entry.getName().substring("media/".length()))
                        .normalize();
                if (!target.startsWith(root)) {
                    throw new IllegalArgumentException(
                            "the backup names a file outside the media directory: " + entry.getName());
                }
                Files.createDirectories(target.getParent());
                try (InputStream photo = zip.getInputStream(entry)) {
                    Files.copy(photo, target);
                }
            }
        }
    }

    private static JsonNode readManifest(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " does not exist");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry(MANIFEST);
            if (entry == null) {
                throw new IllegalArgumentException(file + " is not a Civic311 backup (it has no " + MANIFEST + ")");
            }
            try (InputStream in = zip.getInputStream(entry)) {
                JsonNode manifest = JSON.readTree(in);
                if (!FORMAT.equals(manifest.path("format").asString(null))) {
                    throw new IllegalArgumentException(file + " is a backup in a format this Civic311 does not read");
                }
                return manifest;
            }
        } catch (java.util.zip.ZipException e) {
            throw new IllegalArgumentException(file + " is not a Civic311 backup (not a zip file)");
        }
    }

    static String schemaVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet version = statement.executeQuery(
                        """
                        select version from flyway_schema_history where success and version is not null
                        order by installed_rank desc limit 1""")) {
            if (!version.next()) {
                throw new IllegalArgumentException("the database has no Civic311 schema");
            }
            return version.getString(1);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                throw new IllegalArgumentException("the database has no Civic311 schema");
            }
            throw e;
        }
    }

    private static List<String> tables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        """
                        select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                        where n.nspname = 'public' and c.relkind = 'r' and c.relname <> 'flyway_schema_history'
                        order by c.relname""")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    private static Map<String, Object> sequences(Connection connection) throws SQLException {
        Map<String, Object> sequences = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        """
                        select sequencename, last_value from pg_sequences
                        where schemaname = 'public' and last_value is not null order by sequencename""")) {
            while (rows.next()) {
                sequences.put(rows.getString(1), Map.of("value", rows.getLong(2), "called", true));
            }
        }
        return sequences;
    }

    private static boolean hasRows(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select exists(select 1 from public." + quote(table) + ")")) {
            rows.next();
            return rows.getBoolean(1);
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
