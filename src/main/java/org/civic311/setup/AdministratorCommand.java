package org.civic311.setup;

import static org.civic311.setup.CommandOptions.option;

import org.civic311.catalog.Catalog;
import org.civic311.common.InvalidInputException;
import org.civic311.staff.StaffAccounts;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar civic311.jar administrator --jurisdiction=ID --username=USER [--name="NAME"]}: lets an
 * administrator locked out back in (a password lost, or given and left unused past its week; an authenticator lost),
 * or gives a city that has none an administrator. Whoever runs it on the server holds the database already. The new
 * password is printed once. Exits with 0 when it is given, 2 for a fault in the arguments.
 */
@Component
@ConditionalOnProperty(name = "civic311.command", havingValue = "administrator")
class AdministratorCommand implements ApplicationRunner, ExitCodeGenerator {

    static final String USAGE = "usage: administrator --jurisdiction=ID --username=USER [--name=\"NAME\"]\n"
            + "       (--name for an account that is not there yet)";

    private final Catalog catalog;
    private final StaffAccounts accounts;
    private int exitCode;

    AdministratorCommand(Catalog catalog, StaffAccounts accounts) {
        this.catalog = catalog;
        this.accounts = accounts;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        String jurisdiction = option(arguments, "jurisdiction");
        String username = option(arguments, "username");
        if (jurisdiction == null
                || username == null
                || !arguments.getNonOptionArgs().isEmpty()) {
            System.err.println(USAGE);
            exitCode = 2;
            return;
        }
        if (catalog.jurisdiction(jurisdiction).isEmpty()) {
            System.err.println("administrator: no city " + jurisdiction + " is defined (see the city command)");
            exitCode = 2;
            return;
        }
        StaffAccounts.GivenPassword given;
        try {
            given = accounts.recoverAdministrator(
                    jurisdiction, username, option(arguments, "name"), "administrator command");
        } catch (InvalidInputException e) {
            System.err.println("administrator: " + e.getMessage());
            exitCode = 2;
            return;
        }
        System.err.printf(
                "Administrator %s of %s: sign in with the password below, shown this once, and choose your own."
                        + " Two-step sign-in is off until they turn it on again.%n%s%n",
                given.username(), jurisdiction, given.password());
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
