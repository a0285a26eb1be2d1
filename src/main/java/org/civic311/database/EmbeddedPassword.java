package org.civic311.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
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

    /**
     * The data directory's password, made and kept on the first start. A data directory that already asks for one
     * whose file is gone is refused with what to do: a new password would lock it for good.
     */
    static String of(Path dataDirectory) throws IOException {
        Optional<String> kept = existing(dataDirectory);
        if (kept.isPresent()) {
            return kept.get();
        }
        Path file = fileOf(dataDirectory);
        if (asksForIt(dataDirectory)) {
            throw new IllegalStateException("The embedded database in "
                    + dataDirectory.toAbsolutePath().normalize()
                    + " asks for the password kept in " + file + ", which is missing. Put back the file that was"
                    + " beside the data directory (it goes wherever the directory goes), or restore a backup into a"
                    + " new data directory.");
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.createDirectories(file.getParent());
        // Written whole under another name, then moved into place: a start killed midway leaves no empty password.
        Path part = Files.createTempFile(
                file.getParent(),
                file.getFileName().toString(),
                ".part",
                file.getFileSystem().supportedFileAttributeViews().contains("posix")
                        ? new java.nio.file.attribute.FileAttribute<?>[] {
                            PosixFilePermissions.asFileAttribute(
                                    Set.copyOf(PosixFilePermissions.fromString("rw-------")))
                        }
                        : new java.nio.file.attribute.FileAttribute<?>[0]);
        try (var channel = java.nio.channels.FileChannel.open(part, java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(password.getBytes(StandardCharsets.US_ASCII)));
            channel.force(true);
        }
        try {
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(part);
        }
        // Another start that made it first wins: its password is the one kept.
        return existing(dataDirectory).orElseThrow();
    }

    /** The password kept for the data directory, without making one: for commands joining a running instance. */
    static Optional<String> existing(Path dataDirectory) throws IOException {
        Path file = fileOf(dataDirectory);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (password.isEmpty()) {
            throw new IllegalStateException(file + " is empty: an empty password would be no password. Put back the"
                    + " file that was beside the data directory, or remove it if the database never asked for one.");
        }
        return Optional.of(password);
    }

    /** Whether the data directory was set up by Civic311 to ask for the password. */
    static boolean asksForIt(Path dataDirectory) throws IOException {
        Path hba = dataDirectory.toAbsolutePath().normalize().resolve("pg_hba.conf");
        return Files.exists(hba) && Files.readString(hba).equals(HBA);
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
