package org.civic311.imports;

import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.civic311.requests.HistoryLoader;
import org.jspecify.annotations.Nullable;

/**
 * Writes any number of realistic requests in the normalised CSV format, for benchmarks: each row is drawn from a real
 * request of the city's history (its kind and agency, its place moved by up to a block, its hour of the day) on a
 * random day of the period (its kind written as the catalogue's service code, so the import files it there), and closes, or not, after a time drawn from real requests of the same kind. The same seed
 * writes the same file.
 */
final class RequestGenerator {

    /** About a city block, in degrees of latitude. */
    private static final double JITTER = 0.0015;

    /** Times with their offset: a local time alone is ambiguous in the hour the clocks go back. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private final List<HistoryLoader.Sample> samples;
    private final Map<String, List<@Nullable Duration>> closures = new HashMap<>();
    private final String city;
    private final ZoneId zone;

    RequestGenerator(List<HistoryLoader.Sample> samples, String city, ZoneId zone) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("the jurisdiction has no history with places to draw requests from");
        }
        this.samples = samples;
        this.city = city;
        this.zone = zone;
        for (HistoryLoader.Sample sample : samples) {
            closures.computeIfAbsent(sample.serviceCode(), k -> new ArrayList<>())
                    .add(sample.closedAfter());
        }
    }

    /**
     * Writes {@code rows} requests with the normalised CSV's header, their times spread over the days from
     * {@code from} to {@code to}.
     */
    void write(Writer out, long rows, LocalDate from, LocalDate to, long seed, @Nullable Instant notAfter)
            throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        long days = Math.max(1, to.toEpochDay() - from.toEpochDay() + 1);
        StringBuilder line = new StringBuilder(256);
        out.write(String.join(",", NormalizedCsv.COLUMNS) + ",source_repo,source_path,source_commit\n");
        for (long n = 1; n <= rows; n++) {
            HistoryLoader.Sample sample = samples.get(random.nextInt(samples.size()));
            ZonedDateTime taken = sample.requestedAt().atZone(zone);
            ZonedDateTime created = from.plusDays(random.nextLong(days))
                    .atTime(taken.getHour(), random.nextInt(60), random.nextInt(60))
                    .atZone(zone);
            List<@Nullable Duration> kinds = closures.get(sample.serviceCode());
            Duration closedAfter = kinds.get(random.nextInt(kinds.size()));
            ZonedDateTime closed = closedAfter == null ? null : created.plus(closedAfter);
            if (closed != null && notAfter != null && closed.toInstant().isAfter(notAfter)) {
                closed = null;
            }
            line.setLength(0);
            line.append(city).append(",GEN-").append(seed).append('-').append(n).append(',');
            line.append(TIME.format(created)).append(',');
            line.append(closed == null ? "" : TIME.format(closed)).append(',');
            line.append(closed == null ? "Open" : "Closed").append(',');
            quoted(line, sample.serviceCode()).append(",,");
            quoted(line, sample.agency()).append(",Generated,");
            quoted(line, sample.address()).append(",,");
            line.append(round(sample.latitude() + (random.nextDouble() - 0.5) * 2 * JITTER))
                    .append(',');
            line.append(round(sample.longitude() + (random.nextDouble() - 0.5) * 2 * JITTER * 1.4))
                    .append(",,");
            line.append(",civic311,generated,").append(seed).append('\n');
            out.append(line);
        }
    }

    private static StringBuilder quoted(StringBuilder line, @Nullable String value) {
        return value == null
                ? line
                : line.append('"').append(value.replace("\"", "\"\"")).append('"');
    }

    private static String round(double value) {
        return String.valueOf(Math.round(value * 1e6) / 1e6);
    }
}
