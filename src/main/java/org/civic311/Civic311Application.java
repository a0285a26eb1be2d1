package org.civic311;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.civic311.database.Backups;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class Civic311Application {

    /**
     * Commands run instead of the server: {@code java -jar civic311.jar city CATALOG}, {@code import FILE},
     * {@code generate FILE}, {@code backup FILE}, {@code restore FILE}, {@code administrator --jurisdiction=ID
     * --username=USER}, {@code knowledge FAQ.json --jurisdiction=ID}.
     */
    static final Set<String> COMMANDS =
            Set.of("city", "import", "generate", "backup", "restore", "administrator", "knowledge");

    public static void main(String[] args) {
        if (!virtualThreadsSafeOn(Runtime.version().feature())
                && System.getProperty("spring.threads.virtual.enabled") == null
                && System.getenv("SPRING_THREADS_VIRTUAL_ENABLED") == null) {
            System.setProperty("spring.threads.virtual.enabled", "false");
            // The platform scheduler's one thread would otherwise carry every job, the nightly ones too.
            System.setProperty("spring.task.scheduling.pool.size", "4");
        }
        if (args.length > 0 && COMMANDS.contains(args[0])) {
            System.exit(command(args));
        }
        SpringApplication.run(Civic311Application.class, args);
    }

    /**
     * Whether virtual threads may carry the background jobs on this Java: before 24 (JEP 491) one waiting inside a
     * synchronized block holds its carrier, and the mail library waits on the network in them, so a hung mail server
     * would hold every carrier of a small machine, the portal's requests with them. There, platform threads.
     */
    static boolean virtualThreadsSafeOn(int javaFeature) {
        return javaFeature >= 24;
    }

    /** Runs a command instead of the server (no web server, no background jobs) and gives its exit code. */
    static int command(String... args) {
        String[] commandArguments = Arrays.copyOfRange(args, 1, args.length);
        List<String> arguments = new ArrayList<>(Arrays.asList(commandArguments));
        try {
            // Arguments, not default properties: they must win over application.properties.
            arguments.addAll(Backups.arguments(args[0], commandArguments));
            if (args[0].equals("city") || args[0].equals("administrator") || args[0].equals("knowledge")) {
                // The city being set up is the only one: the demo city, with its published passwords and API key, must
                // not load itself into the database, whatever the command line says.
                arguments.removeIf(a -> a.startsWith("--civic311.demo.enabled"));
                arguments.add("--civic311.demo.enabled=false");
            }
        } catch (IOException | IllegalArgumentException e) {
            System.err.println(args[0] + ": " + e.getMessage());
            return 2;
        }
        var builder = new SpringApplicationBuilder(Civic311Application.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "civic311.command=" + args[0], "civic311.jobs.enabled=false", "spring.main.banner-mode=off");
        if (args[0].equals("backup") || args[0].equals("administrator") || args[0].equals("knowledge")) {
            // Neither needs the server stopped: a locked-out administrator is let in while residents go on reporting.
            builder.initializers(Backups.connectToRunningServer());
        }
        var context = builder.run(arguments.toArray(String[]::new));
        return SpringApplication.exit(context);
    }
}
