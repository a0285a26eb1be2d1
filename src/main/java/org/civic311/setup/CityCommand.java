package org.civic311.setup;

import static org.civic311.setup.CommandOptions.option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.civic311.catalog.Catalog;
import org.civic311.catalog.CatalogEditor;
import org.civic311.catalog.CityFile;
import org.civic311.catalog.JurisdictionDefinition;
import org.civic311.catalog.WardMap;
import org.civic311.common.InvalidInputException;
import org.civic311.staff.StaffAccounts;
import org.civic311.triage.Gazetteer;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar civic311.jar city CATALOG.json --administrator=USERNAME --administrator-name="NAME"
 * [--wards=WARDS.geojson] [--addresses=ADDRESSES.csv]}: defines a city from its files and creates its first
 * administrator, whose password is printed once. With {@code --update} instead of the administrator, brings a city
 * that is served already to new versions of its files. All of it or nothing: a file with a fault changes nothing. Exits
 * with 0 when the city is defined, 1 when it was already, 2 for a fault in the arguments or the files.
 */
@Component
@ConditionalOnProperty(name = "civic311.command", havingValue = "city")
class CityCommand implements ApplicationRunner, ExitCodeGenerator {

    static final String USAGE = "usage: city CATALOG.json --administrator=USERNAME --administrator-name=\"NAME\""
            + " [--wards=WARDS.geojson] [--addresses=ADDRESSES.csv]\n"
            + "       city CATALOG.json --update [--dry-run] [--wards=WARDS.geojson [--leave-out-wards]]"
            + " [--addresses=ADDRESSES.csv]";

    /** Who the changes of a dry run are recorded by, in the transaction that is then rolled back. */
    private static final String DRY_RUN = "city command (dry run)";

    private final Catalog catalog;
    private final CatalogEditor editor;
    private final StaffAccounts accounts;
    private final Gazetteer gazetteer;
    private final TransactionTemplate transaction;
    private final JsonMapper json;
    private int exitCode;
    private boolean leavingOutWards;

    CityCommand(
            Catalog catalog,
            CatalogEditor editor,
            StaffAccounts accounts,
            Gazetteer gazetteer,
            TransactionTemplate transaction,
            JsonMapper json) {
        this.catalog = catalog;
        this.editor = editor;
        this.accounts = accounts;
        this.gazetteer = gazetteer;
        this.transaction = transaction;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        List<String> files = arguments.getNonOptionArgs();
        boolean update = arguments.containsOption("update");
        String administrator = option(arguments, "administrator");
        String administratorName = option(arguments, "administrator-name");
        boolean administratorNamed = administrator != null || administratorName != null;
        if (files.size() != 1
                || (update && administratorNamed)
                || (!update && (administrator == null || administratorName == null))) {
            System.err.println(USAGE);
            exitCode = 2;
            return;
        }
        JurisdictionDefinition city;
        List<Gazetteer.Entry> addresses;
        try {
            city = read(Path.of(files.getFirst()), path(arguments, "wards"));
            Path addressFile = path(arguments, "addresses");
            addresses = addressFile == null ? List.of() : addresses(addressFile);
        } catch (NoSuchFileException e) {
            System.err.println("city: no file " + e.getFile());
            exitCode = 2;
            return;
        } catch (IOException | RuntimeException e) {
            System.err.println("city: " + e.getMessage());
            exitCode = 2;
            return;
        }
        String id = city.jurisdiction().id();
        if (!addresses.isEmpty()
                && (!city.wards().isEmpty()
                        || (update && catalog.jurisdiction(id).isPresent()))) {
            // Latitude and longitude swapped, in the addresses or in the wards, still pass their ranges in much of
            // the world: then most addresses lie in no ward, and every report placed by them would be refused.
            WardMap wards = city.wards().isEmpty() ? catalog.wardMap(id) : WardMap.of(city.wards());
            long nowhere = addresses.stream()
                    .filter(a -> wards.wardAt(a.latitude(), a.longitude()).isEmpty())
                    .count();
            if (wards.bounds().isPresent() && nowhere * 2 > addresses.size()) {
                System.err.println("city: " + nowhere + " of " + addresses.size() + " addresses lie in no ward: are"
                        + " latitude and longitude swapped, in the addresses or in the wards? Nothing was changed");
                exitCode = 2;
                return;
            }
        }
        if (update) {
            leavingOutWards = arguments.containsOption("leave-out-wards");
            if (arguments.containsOption("dry-run")) {
                dryRun(city);
            } else {
                update(city, addresses);
            }
            return;
        }
        if (catalog.jurisdiction(id).isPresent()) {
            System.err.println("city: " + id + " is already defined; nothing was changed");
            exitCode = 1;
            return;
        }
        StaffAccounts.GivenPassword given = change(id, addresses, () -> {
            catalog.define(city);
            return accounts.createFirstAdministrator(id, administrator, administratorName, "city command");
        });
        if (given == null) {
            return;
        }
        System.err.printf(
                "%s defined: %d service types, %d departments, %d people, %d wards, %d addresses.%n",
                city.jurisdiction().name(),
                city.serviceTypes().size(),
                city.departments().size(),
                city.people().size(),
                city.wards().size(),
                addresses.size());
        System.err.printf(
                "Administrator %s: sign in with the password below, shown this once, and choose your own.%n%s%n",
                given.username(), given.password());
    }

    /** A new definition of a city that is served already: its catalogue brought to the files. */
    private void update(JurisdictionDefinition city, List<Gazetteer.Entry> addresses) {
        String id = city.jurisdiction().id();
        if (catalog.jurisdiction(id).isEmpty()) {
            System.err.println("city: " + id + " is not defined yet; define it without --update");
            exitCode = 1;
            return;
        }
        Catalog.Update update = change(id, addresses, () -> editor.updateCity(city, leavingOutWards, "city command"));
        if (update == null) {
            return;
        }
        System.err.printf(
                "%s updated: %d service types (new: %s; retired: %s), %d departments, %d people, %d wards in the"
                        + " files, %d addresses read (one already known keeps its position).%n",
                city.jurisdiction().name(),
                city.serviceTypes().size(),
                update.added().isEmpty() ? "none" : String.join(", ", update.added()),
                update.retired().isEmpty() ? "none" : String.join(", ", update.retired()),
                city.departments().size(),
                city.people().size(),
                city.wards().size(),
                addresses.size());
    }

    /**
     * What an update would change, change by change as the record would keep it, and nothing changed: the update is
     * made and rolled back, so that every check the real one makes (a person still needed, a status in use, wards left
     * out) refuses it the same way. The console's changes the file would undo show as changes of the file's.
     */
    private void dryRun(JurisdictionDefinition city) {
        String id = city.jurisdiction().id();
        if (catalog.jurisdiction(id).isEmpty()) {
            System.err.println("city: " + id + " is not defined yet; define it without --update");
            exitCode = 1;
            return;
        }
        try {
            List<String> said = transaction.execute(status -> {
                Catalog.Update update = editor.updateCity(city, leavingOutWards, DRY_RUN);
                List<String> lines = new java.util.ArrayList<>();
                lines.add("new service types: "
                        + (update.added().isEmpty() ? "none" : String.join(", ", update.added())) + "; retired: "
                        + (update.retired().isEmpty() ? "none" : String.join(", ", update.retired())));
                editor.changes(id, null, null, 1_000).stream()
                        .filter(change -> change.actor().equals(DRY_RUN))
                        .forEach(change -> lines.add(change.subject() + ": " + change.change()));
                status.setRollbackOnly();
                return lines;
            });
            if (said != null) {
                said.forEach(line -> System.err.println("  " + line));
            }
            System.err.println(city.jurisdiction().name() + ": a dry run, nothing was changed. Its working hours,"
                    + " holidays, routing rules and ready answers would become the file's.");
        } catch (InvalidInputException e) {
            refused(e.getMessage(), 2);
        } catch (IllegalStateException e) {
            refused(e.getMessage(), 1);
        }
    }

    /**
     * Makes a change to the city and loads its addresses, in one transaction. A refusal is said, sets the exit code
     * (1 when the city's existence is not what the change expects, 2 for a fault) and gives nothing: nothing changed.
     */
    private <T> @Nullable T change(String id, List<Gazetteer.Entry> addresses, java.util.function.Supplier<T> change) {
        try {
            return transaction.execute(status -> {
                T done = change.get();
                if (!addresses.isEmpty()) {
                    gazetteer.load(id, addresses);
                }
                return done;
            });
        } catch (InvalidInputException e) {
            return refused(e.getMessage(), 2);
        } catch (IllegalStateException e) {
            // Defined, or not, by another run in the meantime.
            return refused(e.getMessage(), 1);
        } catch (DataAccessException e) {
            return refused(
                    "the database refused it (" + e.getMostSpecificCause().getMessage() + ")", 2);
        }
    }

    private <T> @Nullable T refused(@Nullable String why, int exitCode) {
        System.err.println("city: " + why + "; nothing was changed");
        this.exitCode = exitCode;
        return null;
    }

    private JurisdictionDefinition read(Path catalogFile, @Nullable Path wardsFile) throws IOException {
        try (InputStream catalogStream = Files.newInputStream(catalogFile);
                InputStream wards = wardsFile == null ? null : Files.newInputStream(wardsFile)) {
            // A new definition's routing rules may name the wards the city has already.
            return new CityFile(json).read(catalogStream, wards, id -> catalog.wards(id).stream()
                    .map(org.civic311.catalog.Ward::code)
                    .collect(java.util.stream.Collectors.toSet()));
        }
    }

    /** "address,latitude,longitude" with a header line, as the demo city's gazetteer. */
    static List<Gazetteer.Entry> addresses(Path file) throws IOException {
        List<Gazetteer.Entry> entries = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = reader.readLine(); // the header
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                int second = line.lastIndexOf(',');
                int first = second < 1 ? -1 : line.lastIndexOf(',', second - 1);
                try {
                    if (first < 1) {
                        throw new NumberFormatException();
                    }
                    double latitude =
                            Double.parseDouble(line.substring(first + 1, second).strip());
                    double longitude =
                            Double.parseDouble(line.substring(second + 1).strip());
                    if (!Double.isFinite(latitude)
                            || !Double.isFinite(longitude)
                            || Math.abs(latitude) > 90
                            || Math.abs(longitude) > 180) {
                        throw new NumberFormatException();
                    }
                    entries.add(new Gazetteer.Entry(
                            line.substring(0, first).strip().replaceAll("^\"|\"$", ""), latitude, longitude));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file.getFileName() + " line " + number
                            + ": expected address,latitude,longitude, found \"" + line + "\"");
                }
            }
        }
        return entries;
    }

    private static @Nullable Path path(ApplicationArguments arguments, String name) {
        String value = option(arguments, name);
        return value == null ? null : Path.of(value);
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
