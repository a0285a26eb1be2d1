package org.civic311.setup;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ApplicationArguments;

/** How the set-up commands read their options. */
final class CommandOptions {

    private CommandOptions() {}

    /** The option's first value, or null when it is left out or blank. */
    static @Nullable String option(ApplicationArguments arguments, String name) {
        List<String> values = arguments.getOptionValues(name);
        return values == null || values.isEmpty() || values.getFirst().isBlank()
                ? null
                : values.getFirst().strip();
    }
}
