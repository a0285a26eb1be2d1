package org.civic311.imports;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.civic311.requests.HistoryLoader;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar civic311.jar import FILE [--jurisdiction=ID] [--city=NAME] [--zone=ZONE] [--batch=ROWS] [--bulk]}:
 * loads
 * a file of historical requests with a progress bar, and writes the refused rows, each with its line and reason, to
 * {@code FILE.refused.csv} in the working directory.
 */
@Component
@ConditionalOnProperty(name = "civic311.command", havingValue = "import")
class ImportCommand implements ApplicationRunner, ExitCodeGenerator {

    static final int DEFAULT_BATCH = 20_000;

    private final HistoryImport imports;
    private final PrintStream out = System.err;
    private final Path reportDirectory;
    private int exitCode;

    @org.springframework.beans.factory.annotation.Autowired
    ImportCommand(HistoryImport imports) {
        this(imports, Path.of(""));
    }

    ImportCommand(HistoryImport imports, Path reportDirectory) {
        this.imports = imports;
        this.reportDirectory = reportDirectory;
    }

    @Override
    public void run(ApplicationArguments arguments) throws IOException {
        List<String> files = arguments.getNonOptionArgs();
        if (files.size() != 1) {
            out.println("usage: import FILE [--jurisdiction=ID] [--city=NAME] [--zone=ZONE] [--batch=ROWS] [--bulk]");
            exitCode = 2;
            return;
        }
        Path file = Path.of(files.getFirst());
        HistoryImport.Options options;
        try {
            String zone = option(arguments, "zone");
            String batch = option(arguments, "batch");
            options = new HistoryImport.Options(
                    option(arguments, "jurisdiction"),
                    option(arguments, "city"),
                    zone == null ? null : ZoneId.of(zone),
                    batch == null ? DEFAULT_BATCH : Integer.parseInt(batch),
                    arguments.containsOption("bulk"));
        } catch (RuntimeException e) {
            out.println("import: " + e.getMessage());
            exitCode = 2;
            return;
        }
        ProgressBar bar = new ProgressBar(out);
        HistoryImport.Summary summary;
        try {
            summary = imports.importFile(file, options, bar::show);
        } catch (IllegalArgumentException | org.civic311.common.InvalidInputException e) {
            // An unknown --jurisdiction, a file of no format it reads: said, not a stack trace.
            out.println("\nimport: " + e.getMessage());
            exitCode = 2;
            return;
        }
        bar.done();
        out.printf(
                "%s%,d requests imported, %,d rows refused, in %s (%,.0f rows/s)%n",
                summary.resumed() ? "Resumed an interrupted import. " : "",
                summary.imported(),
                summary.refused(),
                ProgressBar.duration(summary.took()),
                (summary.imported() + summary.refused())
                        / Math.max(0.001, summary.took().toMillis() / 1000.0));
        if (!summary.newKinds().isEmpty()) {
            out.printf(
                    "%,d kinds of request were new to the catalogue: added as retired types in the group \"%s\"%n",
                    summary.newKinds().size(), org.civic311.catalog.Catalog.IMPORTED_GROUP);
        }
        if (!summary.refusals().isEmpty()) {
            // In the working directory: the file's own may be read-only (a mounted archive).
            Path report = reportDirectory.resolve(file.getFileName() + ".refused.csv");
            try (Writer writer = Files.newBufferedWriter(report, StandardCharsets.UTF_8)) {
                writer.write("line,request_id,reason\n");
                for (HistoryLoader.Refusal refusal : summary.refusals()) {
                    writer.write(refusal.line() + "," + csv(refusal.publicId()) + "," + csv(refusal.reason()) + "\n");
                }
            }
            summary.refusals().stream().limit(10).forEach(r -> out.println("  line " + r.line() + ": " + r.reason()));
            out.println("Every refused row, with its line and reason: " + report);
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }

    private static @Nullable String option(ApplicationArguments arguments, String name) {
        List<String> values = arguments.getOptionValues(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static String csv(@Nullable String value) {
        return value == null ? "" : "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
