package org.civic311.imports;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.civic311.catalog.Catalog;
import org.civic311.catalog.Jurisdiction;
import org.civic311.catalog.ServiceType;
import org.civic311.requests.HistoryLoader;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The imports module's API: loads a file of historical requests into a jurisdiction, in COPY batches that commit with
 * how far the file was read. Run again after an interruption, it carries on after the last committed batch. Kinds of
 * request the catalogue does not know are added to it as retired types; rows that cannot be requests are refused
 * with their line and reason, never dropped unsaid.
 */
@Service
public class HistoryImport {

    /** The formats an archive can come in. */
    public enum Format {
        /** The normalised CSV of many cities' requests. */
        CSV,
        /** A JSON array of Open311 GeoReport v2 requests. */
        OPEN311_JSON;

        /** The format a file's name says it has. */
        public static Format of(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            return name.endsWith(".json") ? OPEN311_JSON : CSV;
        }
    }

    /**
     * How to import.
     *
     * @param city only the rows of this city (the normalised CSV holds several)
     * @param zone the time zone of times written without an offset; the jurisdiction's by default
     * @param batchSize rows per COPY and commit
     * @param bulk set the request table's secondary indexes aside during the load and build them after: for a first
     *     load of a large history into a database no instance serves
     */
    public record Options(
            @Nullable String jurisdictionId,
            @Nullable String city,
            @Nullable ZoneId zone,
            int batchSize,
            boolean bulk) {

        public Options(@Nullable String jurisdictionId, @Nullable String city, @Nullable ZoneId zone, int batchSize) {
            this(jurisdictionId, city, zone, batchSize, false);
        }

        public Options {
            if (batchSize < 1) {
                throw new IllegalArgumentException("the batch size must be at least 1");
            }
        }
    }

    /**
     * How far an import has come.
     *
     * @param rows rows read by this run (a resumed one passes over those committed before)
     * @param fraction how much of the file is behind, this run's part and what earlier runs committed
     * @param resumedAt how much of the file earlier runs had committed when this one went on from there
     * @param elapsed since this run began reading rows of its own
     */
    public record Progress(
            long rows, long imported, long refused, double fraction, double resumedAt, Duration elapsed) {

        /** Rows read per second so far. */
        public double rate() {
            double seconds = elapsed.toNanos() / 1e9;
            return seconds <= 0 ? 0 : rows / seconds;
        }

        /**
         * The time left, judged from the part of the file this run read (after a resume, the part earlier runs read
         * took none of its time); null before there is anything to judge by.
         */
        public @Nullable Duration remaining() {
            double done = fraction - resumedAt;
            if (done <= 0.0001) {
                return null;
            }
            return Duration.ofMillis((long) (elapsed.toMillis() * (1 - fraction) / done));
        }
    }

    /** What an import did. */
    public record Summary(
            long runId,
            long imported,
            long refused,
            boolean resumed,
            Duration took,
            List<HistoryLoader.Refusal> refusals,
            List<String> newKinds) {}

    private final Catalog catalog;
    private final HistoryLoader loader;
    private final JsonMapper json;

    HistoryImport(Catalog catalog, HistoryLoader loader, JsonMapper json) {
        this.catalog = catalog;
        this.loader = loader;
        this.json = json;
    }

    public Summary importFile(Path file, Options options, Consumer<Progress> progress) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " is not a file");
        }
        Jurisdiction jurisdiction = catalog.resolveJurisdiction(options.jurisdictionId());
        ZoneId zone = options.zone() == null ? jurisdiction.timeZone() : options.zone();
        long size = Files.size(file);
        String key = fileKey(file, size) + (options.city() == null ? "" : ":" + options.city());
        HistoryLoader.Run run =
                loader.begin(jurisdiction.id(), key, file.getFileName().toString());
        boolean resumed = run.committedRecord() > 0;
        if (options.bulk()) {
            loader.setIndexesAside(run);
        }
        long started = System.nanoTime();
        long ownRowsFrom = started;
        Map<String, String> codes = new HashMap<>();
        List<String> newKinds = new ArrayList<>();
        List<HistoryLoader.Row> rows = new ArrayList<>(options.batchSize());
        List<HistoryLoader.Refusal> refused = new ArrayList<>();
        long read = 0;
        long record = 0;
        double resumedAt = 0;
        CountingStream in = new CountingStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        try (ArchiveRow.Reader reader =
                switch (Format.of(file)) {
                    case CSV -> new NormalizedCsv(in, size, zone, options.city());
                    case OPEN311_JSON -> new Open311Json(json, in, size, zone);
                }) {
            for (ArchiveRow row = reader.next(); row != null; row = reader.next()) {
                record++;
                if (record <= run.committedRecord()) {
                    continue;
                }
                if (read == 0) {
                    // From here on the rows are this run's: its rate and time left count from them.
                    resumedAt = record == 1 ? 0 : reader.fraction();
                    ownRowsFrom = System.nanoTime();
                }
                read++;
                switch (row) {
                    case ArchiveRow.Read r -> {
                        String code = codes.computeIfAbsent(
                                r.kind(), kind -> code(jurisdiction.id(), kind, r.agency(), newKinds));
                        rows.add(new HistoryLoader.Row(record, r.line(), r.under(code)));
                    }
                    case ArchiveRow.Bad bad ->
                        refused.add(new HistoryLoader.Refusal(record, bad.line(), bad.publicId(), bad.reason()));
                }
                if (rows.size() + refused.size() >= options.batchSize()) {
                    run = loader.commit(run, rows, refused, record);
                    rows.clear();
                    refused.clear();
                    progress.accept(new Progress(
                            read,
                            run.imported(),
                            run.rejected(),
                            reader.fraction(),
                            resumedAt,
                            Duration.ofNanos(System.nanoTime() - ownRowsFrom)));
                }
            }
            run = loader.commit(run, rows, refused, record);
            progress.accept(new Progress(
                    read,
                    run.imported(),
                    run.rejected(),
                    1,
                    resumedAt,
                    Duration.ofNanos(System.nanoTime() - ownRowsFrom)));
        }
        loader.finish(run);
        return new Summary(
                run.id(),
                run.imported(),
                run.rejected(),
                resumed,
                Duration.ofNanos(System.nanoTime() - started),
                loader.refusals(run.id()),
                newKinds);
    }

    /** The catalogue's code for an archive's kind of request: its own type, or a retired one added for it. */
    private String code(String jurisdictionId, String kind, @Nullable String agency, List<String> newKinds) {
        return catalog.serviceType(jurisdictionId, kind).map(ServiceType::code).orElseGet(() -> {
            ServiceType type = catalog.serviceTypeForArchive(jurisdictionId, kind, agency);
            if (!type.active() && type.group().equals(Catalog.IMPORTED_GROUP)) {
                newKinds.add(type.code());
            }
            return type.code();
        });
    }

    /** The file's name, size and a hash of its first megabyte: enough to know the same file again, quickly. */
    static String fileKey(Path file, long size) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(1 << 20);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return file.getFileName() + ":" + size + ":" + HexFormat.of().formatHex(sha.digest(head), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
