package org.civic311.database;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A postmaster left running on our data directory by an application that died without stopping it (kill -9).
 *
 * <p>The embedded server's lock file tells an orphan from a live sibling: a running Civic311 holds an OS file lock
 * on {@code epg-lock}; a killed one no longer does. An orphan is shut down, and a stale {@code postmaster.pid} whose
 * process is gone is removed, so that the next start works.
 */
final class OrphanPostmaster {

    private static final Logger log = LoggerFactory.getLogger(OrphanPostmaster.class);
    private static final String LOCK_FILE = "epg-lock";
    private static final String PID_FILE = "postmaster.pid";

    private OrphanPostmaster() {}

    static void clear(Path dataDirectory, Duration patience) throws IOException {
        Path pidFile = dataDirectory.resolve(PID_FILE);
        if (!Files.exists(pidFile)) {
            return;
        }
        if (heldByLiveApplication(dataDirectory.resolve(LOCK_FILE))) {
            throw new IllegalStateException(
                    "The database in " + dataDirectory.toAbsolutePath()
                            + " is in use by another running Civic311; stop it or set civic311.database.embedded.data-directory");
        }
        Optional<ProcessHandle> postmaster = readPid(pidFile).flatMap(ProcessHandle::of);
        // After a reboot the pid may be another PostgreSQL's, on its own data directory: that one is left alone.
        if (postmaster.isPresent()
                && postmaster.get().isAlive()
                && isPostgres(postmaster.get())
                && servesThisDirectory(pidFile, dataDirectory)) {
            log.warn(
                    "Stopping orphaned PostgreSQL (pid {}) left on {}",
                    postmaster.get().pid(),
                    dataDirectory);
            stop(postmaster.get(), patience);
        }
        // A pid file whose process is gone (or is now an unrelated process) would stop the new server from starting.
        Files.deleteIfExists(pidFile);
    }

    static boolean heldByLiveApplication(Path lockFile) throws IOException {
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return true; // held by this very JVM
        }
    }

    /** The postmaster of a data directory, while it runs. */
    static Optional<ProcessHandle> running(Path dataDirectory) {
        try {
            Path pidFile = dataDirectory.resolve(PID_FILE);
            return Files.exists(pidFile)
                    ? readPid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> readPid(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(lines.getFirst().trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The pid file's second line is the data directory its postmaster serves. */
    private static boolean servesThisDirectory(Path pidFile, Path dataDirectory) throws IOException {
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 2) {
            return true; // an old or partly written file: the lock file's evidence stands
        }
        try {
            return Files.isSameFile(Path.of(lines.get(1).trim()), dataDirectory);
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return false; // a directory that is not there is not ours
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info()
                .command()
                .map(command -> command.endsWith("postgres") || command.contains("/bin/postgres"))
                .orElse(true); // command hidden from us: the pid file's owner is the best evidence we have
    }

    /**
     * A fast shutdown (SIGINT: sessions still open, a backup's or an import's that outlived the application, are ended
     * rather than waited for), then an immediate one (SIGQUIT, which takes its backends down with it). Never SIGKILL
     * first: a killed postmaster leaves its backends holding the shared memory, and the next start refuses.
     */
    private static void stop(ProcessHandle postmaster, Duration patience) {
        try {
            signal(postmaster, "INT");
            if (!exited(postmaster, patience)) {
                log.warn(
                        "Orphaned PostgreSQL (pid {}) did not stop in {}; stopping it at once",
                        postmaster.pid(),
                        patience);
                signal(postmaster, "QUIT");
                if (!exited(postmaster, patience)) {
                    log.warn("Orphaned PostgreSQL (pid {}) still runs; killing it", postmaster.pid());
                    postmaster.destroyForcibly();
                    postmaster.onExit().join();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping an orphaned PostgreSQL", e);
        } catch (ExecutionException | IOException e) {
            throw new IllegalStateException("Could not stop an orphaned PostgreSQL", e);
        }
    }

    private static boolean exited(ProcessHandle process, Duration patience)
            throws InterruptedException, ExecutionException {
        try {
            process.onExit().get(patience.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }

    /** Java sends only SIGTERM and SIGKILL itself. */
    private static void signal(ProcessHandle process, String signal) throws IOException, InterruptedException {
        int code = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start()
                .waitFor();
        if (code != 0 && process.isAlive()) {
            throw new IOException("kill -" + signal + " " + process.pid() + " exited with " + code);
        }
    }
}
