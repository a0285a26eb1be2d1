package org.civic311;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands of {@code java -jar civic311.jar}, run as a person runs them, each in its own process-like context on
 * one embedded database: realistic requests generated from the demo city's history, then imported.
 */
class CommandLineTests {

    @TempDir
    Path directory;

    @Test
    void generatedRequestsAreTheSameForTheSameSeedAndImportIntoTheCataloguesOwnTypes() throws Exception {
        List<String> database = database(directory);
        Path generated = directory.resolve("generated.csv");
        Path again = directory.resolve("again.csv");

        assertThat(run("generate", generated, database, "--rows=3000", "--seed=7").exitCode)
                .isZero();
        assertThat(run("generate", again, database, "--rows=3000", "--seed=7").exitCode)
                .isZero();
        assertThat(Files.mismatch(generated, again)).isEqualTo(-1L);
        try (Stream<String> lines = Files.lines(generated)) {
            assertThat(lines.count()).isEqualTo(3001);
        }

        Result elsewhere = run("import", generated, database, "--jurisdiction=nowhere.example");
        assertThat(elsewhere.exitCode).isEqualTo(2);
        assertThat(elsewhere.output).contains("import: ").doesNotContain("Exception");

        Result imported = run("import", generated, database, "--batch=1000");

        assertThat(imported.exitCode).isZero();
        assertThat(imported.output)
                .contains("3,000 requests imported, 0 rows refused")
                .doesNotContain("new to the catalogue");
    }

    /** The arguments that give a command an embedded database and a media store of its own in a directory. */
    static List<String> database(Path directory) {
        return List.of(
                "--civic311.database.embedded.data-directory=" + directory.resolve("pg"),
                "--civic311.database.embedded.port=0",
                "--civic311.media.directory=" + directory.resolve("media"),
                "--civic311.demo.enabled=true",
                "--logging.level.root=WARN");
    }

    record Result(int exitCode, String output) {}

    /** A command with its arguments, a file first if it takes one: {@code administrator --jurisdiction=ID}. */
    static Result run(List<String> database, String command, String... options) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            List<String> args = new java.util.ArrayList<>(List.of(command));
            args.addAll(database);
            args.addAll(List.of(options));
            int code = Civic311Application.command(args.toArray(String[]::new));
            return new Result(code, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    static Result run(String command, Path file, List<String> database, String... options) {
        List<String> withFile = new java.util.ArrayList<>(List.of(file.toString()));
        withFile.addAll(database);
        return run(withFile, command, options);
    }
}
