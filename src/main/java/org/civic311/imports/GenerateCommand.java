package org.civic311.imports;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.civic311.catalog.Catalog;
import org.civic311.catalog.Jurisdiction;
import org.civic311.requests.HistoryLoader;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar civic311.jar generate FILE --rows=N [--seed=S] [--years=Y] [--jurisdiction=ID]}: writes N
 * realistic requests drawn from the jurisdiction's history, in the normalised CSV that {@code import} reads.
 */
@Component
@ConditionalOnProperty(name = "civic311.command", havingValue = "generate")
class GenerateCommand implements ApplicationRunner, ExitCodeGenerator {

    private final Catalog catalog;
    private final HistoryLoader history;
    private final Clock clock;
    private int exitCode;

    GenerateCommand(Catalog catalog, HistoryLoader history, Clock clock) {
        this.catalog = catalog;
        this.history = history;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments arguments) throws IOException {
        List<String> files = arguments.getNonOptionArgs();
        long rows;
        long seed;
        int years;
        try {
            rows = Long.parseLong(option(arguments, "rows", "1000000"));
            seed = Long.parseLong(option(arguments, "seed", "311"));
            years = Integer.parseInt(option(arguments, "years", "3"));
            if (files.size() != 1 || rows < 1 || years < 1) {
                throw new IllegalArgumentException("one file, at least one row and one year");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("usage: generate FILE --rows=N [--seed=S] [--years=Y] [--jurisdiction=ID] ("
                    + e.getMessage() + ")");
            exitCode = 2;
            return;
        }
        Jurisdiction jurisdiction = catalog.resolveJurisdiction(option(arguments, "jurisdiction", null));
        RequestGenerator generator = new RequestGenerator(
                history.sample(jurisdiction.id(), 100_000), jurisdiction.name(), jurisdiction.timeZone());
        LocalDate today = LocalDate.now(clock.withZone(jurisdiction.timeZone()));
        long started = System.nanoTime();
        try (Writer out = Files.newBufferedWriter(Path.of(files.getFirst()), StandardCharsets.UTF_8)) {
            generator.write(out, rows, today.minusYears(years), today.minusDays(1), seed, clock.instant());
        }
        System.err.printf(
                "%,d requests written to %s in %.1f s%n", rows, files.getFirst(), (System.nanoTime() - started) / 1e9);
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }

    private static @Nullable String option(ApplicationArguments arguments, String name, @Nullable String otherwise) {
        List<String> values = arguments.getOptionValues(name);
        return values == null || values.isEmpty() ? otherwise : values.getFirst();
    }
}
