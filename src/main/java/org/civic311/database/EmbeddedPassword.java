package org.civic311.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The embedded database's password. PostgreSQL's own set-up lets anyone on the machine in as its superuser without
 * one (every resident's data, and commands run as the service's account); Civic311 gives the superuser a password
 * made on the first start and kept beside the data directory, readable by the service's account alone, and asks for
 * it on every connection, local or not.
 */
final class EmbeddedPassword {

    private EmbeddedPassword() {}

    /** Where the password of a data directory is kept: beside it, as {@code pg.password} for {@code pg}. */
    static Path fileOf(Path dataDirectory) {
        Path absolute = dataDirectory.toAbsolutePath().normalize();
        return absolute.resolveSibling(absolute.getFileName() + ".password");
    }

    /** The data directory's password, made and kept on the first call. */
    static String of(Path dataDirectory) throws IOException {
        Path file = fileOf(dataDirectory);
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.createDirectories(file.getParent());
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(
                        file,
                        PosixFilePermissions.asFileAttribute(Set.copyOf(PosixFilePermissions.fromString("rw-------"))));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, password, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            // Another start made it first: theirs is the one.
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        }
        return password;
    }

    /** Who may connect, and how: every connection, over the socket or the loopback, gives the password. */
    static final String HBA =
            """
            # Written by Civic311: every connection gives the superuser's password (kept beside the data directory).
            local   all   all                 scram-sha-256
            host    all   all   127.0.0.1/32  scram-sha-256
            host    all   all   ::1/128       scram-sha-256
            local   replication   all                 scram-sha-256
            host    replication   all   127.0.0.1/32  scram-sha-256
            host    replication   all   ::1/128       scram-sha-256
            """;
}
