package org.civic311;

import java.util.Arrays;
import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class Civic311Application {

    /** Commands run instead of the server: {@code java -jar civic311.jar import FILE}, {@code generate FILE}. */
    static final Set<String> COMMANDS = Set.of("import", "generate");

    public static void main(String[] args) {
        if (args.length > 0 && COMMANDS.contains(args[0])) {
            System.exit(command(args));
        }
        SpringApplication.run(Civic311Application.class, args);
    }

    /** Runs a command instead of the server (no web server, no background jobs) and gives its exit code. */
    static int command(String... args) {
        var context = new SpringApplicationBuilder(Civic311Application.class)
                .web(WebApplicationType.NONE)
                .properties("civic311.command=" + args[0], "civic311.jobs.enabled=false", "spring.main.banner-mode=off")
                .run(Arrays.copyOfRange(args, 1, args.length));
        return SpringApplication.exit(context);
    }
}
