package org.civic311;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civic311.support.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * A city other than the demo is set up from its own files with one command: its catalogue, wards and addresses, and
 * a first administrator whose given password opens only the choice of their own; later versions of the files update
 * it. A file with a fault changes nothing.
 */
class CityCommandTests {

    static final Path CITIES = Path.of("src/test/resources/cities");

    @TempDir
    Path directory;

    @Test
    void aCityIsDefinedFromItsFilesWithAFirstAdministratorThenUpdatedAndAFaultyFileChangesNothing() throws Exception {
        List<String> database = CommandLineTests.database(directory);
        String[] administrator = {"--administrator=hsimpson", "--administrator-name=Helen Simpson"};

        CommandLineTests.Result twice =
                CommandLineTests.run("city", CITIES.resolve("springfield-twice.json"), database, administrator);
        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(twice.output()).contains("serviceTypes: \"SF-1\" appears twice");

        java.nio.file.Path faulty = directory.resolve("faulty.json");
        // Each fault is named where it lies, in the file's own terms.
        for (List<String> fault : List.of(
                List.of(
                        "\"role\": \"MANAGER\"",
                        "\"role\": \"BOSS\"",
                        "people[0]: role must be one of [MANAGER, SUPERVISOR, STAFF], not “BOSS”"),
                // Checked as the console's form is: the alerts of a callback promise would go nowhere.
                List.of(
                        "\"email\": \"hsimpson@springfield.example\"",
                        "\"email\": \"tbd\"",
                        "people[0]: email must be an email address such as roads@city.example"),
                List.of(
                        "\"phone\": \"555-0101\"",
                        "\"phone\": \"ask Marge\"",
                        "departments[1]: phone must be a phone number such as 416-555-0100"),
                List.of(
                        "\"timeZone\": \"America/Chicago\"",
                        "\"timeZone\": \"Springfield/Nowhere\"",
                        "jurisdiction: Unknown time-zone ID: Springfield/Nowhere"),
                List.of(
                        "\"supervisor\": \"hsimpson\"",
                        "\"supervisor\": \"nobody\"",
                        "routingRules: supervisor: no \"nobody\" is defined"),
                // A misspelt field would leave a home's type publishing exact places, with nothing said.
                List.of(
                        "\"type\": \"batch\",\n     \"sla\": {\"amount\": 3",
                        "\"type\": \"batch\", \"private_location\": true,\n     \"sla\": {\"amount\": 3",
                        "serviceTypes[0] (SF-1): unknown field \"private_location\""),
                List.of(
                        "\"keywords\": [\"garbage\", \"trash\"],",
                        "\"keywords\": [\"garbage\", \"trash\"], \"privateLocation\": \"yes\",",
                        "serviceTypes[1] (SF-2): \"privateLocation\" must be true or false"),
                List.of(
                        "\"dispatch\": \"QUEUE\", \"supervisor\": \"hsimpson\"",
                        "\"dispatch\": \"OPEN311\", \"endpoint\": \"http://works.springfield.example/v2\","
                                + " \"externalCode\": \"PH\"",
                        "routingRules[0]: endpoint must be an https:// address"),
                List.of(
                        "\"department\": \"STR\", \"dispatch\": \"QUEUE\", \"supervisor\": \"hsimpson\"}",
                        "\"department\": \"STR\", \"dispatch\": \"QUEUE\", \"supervisor\": \"hsimpson\"},"
                                + " {\"service\": \"SF-1\", \"ward\": \"1\", \"department\": \"SAN\","
                                + " \"dispatch\": \"QUEUE\"}",
                        "routingRules: SF-1 in ward 1 is routed twice"),
                List.of(
                        "\"holidays\": [{\"day\": \"2026-12-25\", \"name\": \"Christmas Day\"}]",
                        "\"holidays\": [{\"day\": \"2026-12-25\", \"name\": \"Christmas Day\"},"
                                + " {\"day\": \"26/12/2026\", \"name\": \"Boxing Day\"}]",
                        "holidays[1].day: Text '26/12/2026' could not be parsed"))) {
            java.nio.file.Files.writeString(
                    faulty,
                    java.nio.file.Files.readString(CITIES.resolve("springfield.json"))
                            .replace(fault.get(0), fault.get(1)));
            CommandLineTests.Result refused = CommandLineTests.run(
                    "city",
                    faulty,
                    database,
                    "--administrator=hsimpson",
                    "--administrator-name=Helen Simpson",
                    "--wards=" + CITIES.resolve("springfield-wards.geojson"));
            assertThat(refused.exitCode()).as(refused.output()).isEqualTo(2);
            assertThat(refused.output()).contains(fault.get(2)).doesNotContain("Exception");
        }

        java.nio.file.Path swapped = directory.resolve("swapped-addresses.csv");
        java.nio.file.Files.writeString(
                swapped,
                "address,latitude,longitude\n742 Evergreen Terrace,-89.6502,39.8201\n12 Elm St,-89.6800,39.7705\n");
        CommandLineTests.Result swappedRefused = CommandLineTests.run(
                "city",
                CITIES.resolve("springfield.json"),
                database,
                "--administrator=hsimpson",
                "--administrator-name=Helen Simpson",
                "--wards=" + CITIES.resolve("springfield-wards.geojson"),
                "--addresses=" + swapped);
        assertThat(swappedRefused.exitCode()).as(swappedRefused.output()).isEqualTo(2);
        assertThat(swappedRefused.output())
                .contains("2 of 2 addresses lie in no ward: are latitude and longitude swapped");

        CommandLineTests.Result noAdministrator =
                CommandLineTests.run("city", CITIES.resolve("springfield.json"), database);
        assertThat(noAdministrator.exitCode()).isEqualTo(2);
        assertThat(noAdministrator.output()).contains("usage: city CATALOG.json --administrator=USERNAME");

        CommandLineTests.Result defined = CommandLineTests.run(
                "city",
                CITIES.resolve("springfield.json"),
                database,
                "--administrator=hsimpson",
                "--administrator-name=Helen Simpson",
                "--wards=" + CITIES.resolve("springfield-wards.geojson"),
                "--addresses=" + CITIES.resolve("springfield-addresses.csv"));
        assertThat(defined.exitCode()).as(defined.output()).isZero();
        assertThat(defined.output())
                .contains(
                        "City of Springfield defined: 2 service types, 2 departments, 1 people, 2 wards, 3 addresses.");
        Matcher password = Pattern.compile("choose your own\\.\\R(\\S+)").matcher(defined.output());
        assertThat(password.find()).as(defined.output()).isTrue();

        CommandLineTests.Result again = CommandLineTests.run(
                "city",
                CITIES.resolve("springfield.json"),
                database,
                "--administrator=hsimpson",
                "--administrator-name=Helen Simpson",
                "--wards=" + CITIES.resolve("springfield-wards.geojson"));
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.output()).contains("springfield.example is already defined; nothing was changed");

        // A new version of the files: one type's target changes, one is left out and retired, one is new. Tried first.
        CommandLineTests.Result tried = CommandLineTests.run(
                "city", CITIES.resolve("springfield-updated.json"), database, "--update", "--dry-run");
        assertThat(tried.exitCode()).as(tried.output()).isZero();
        assertThat(tried.output())
                .contains("new service types: SF-3; retired: SF-2")
                .contains("SF-1: due within 3 business days → 5 business days")
                .contains("a dry run, nothing was changed");
        CommandLineTests.Result updated =
                CommandLineTests.run("city", CITIES.resolve("springfield-updated.json"), database, "--update");
        assertThat(updated.exitCode()).as(updated.output()).isZero();
        assertThat(updated.output())
                .contains("City of Springfield updated: 2 service types (new: SF-3; retired: SF-2)");
        // New boundaries that leave the south out: saved only when the command is told that is meant.
        java.nio.file.Path northOnly = directory.resolve("north-only.geojson");
        tools.jackson.databind.JsonNode wards = new tools.jackson.databind.json.JsonMapper()
                .readTree(java.nio.file.Files.readString(CITIES.resolve("springfield-wards.geojson")));
        ((tools.jackson.databind.node.ArrayNode) wards.get("features")).remove(1);
        java.nio.file.Files.writeString(northOnly, wards.toString());
        CommandLineTests.Result unsaid = CommandLineTests.run(
                "city", CITIES.resolve("springfield-updated.json"), database, "--update", "--wards=" + northOnly);
        assertThat(unsaid.exitCode()).as(unsaid.output()).isEqualTo(2);
        assertThat(unsaid.output()).contains("leave out ward 2, where reports would then be refused");
        CommandLineTests.Result meant = CommandLineTests.run(
                "city",
                CITIES.resolve("springfield-updated.json"),
                database,
                "--update",
                "--wards=" + northOnly,
                "--leave-out-wards");
        assertThat(meant.exitCode()).as(meant.output()).isZero();
        CommandLineTests.Result back = CommandLineTests.run(
                "city",
                CITIES.resolve("springfield-updated.json"),
                database,
                "--update",
                "--wards=" + CITIES.resolve("springfield-wards.geojson"));
        assertThat(back.exitCode()).as(back.output()).isZero();

        java.nio.file.Files.writeString(
                faulty,
                java.nio.file.Files.readString(CITIES.resolve("springfield-updated.json"))
                        .replace("springfield.example", "shelbyville.example"));
        CommandLineTests.Result notYet = CommandLineTests.run(
                "city", faulty, database, "--update", "--wards=" + CITIES.resolve("springfield-wards.geojson"));
        assertThat(notYet.exitCode()).isEqualTo(1);
        assertThat(notYet.output()).contains("shelbyville.example is not defined yet; define it without --update");

        // The city's FAQ, checked there already, published at once; a file with a fault loads nothing.
        java.nio.file.Path faq = directory.resolve("faq.json");
        java.nio.file.Files.writeString(
                faq,
                """
                {"articles": [
                   {"title": "When is garbage collected?", "body": "Every Tuesday morning, before 7.",
                    "department": "SAN", "keywords": ["garbage day"], "audience": "PUBLIC"},
                   {"title": "Who fills potholes?", "body": "The Streets department, within three days.",
                    "department": "STR", "audience": "STAFF"}],
                 "synonyms": {"garbage": ["trash", "rubbish"]}}""");
        java.nio.file.Path faultyFaq = directory.resolve("faulty-faq.json");
        java.nio.file.Files.writeString(
                faultyFaq,
                """
                {"articles": [
                   {"title": "Snow days", "body": "Plows go out at 5 cm.", "department": "STR"},
                   {"title": "Leaf pickup", "body": "In November.", "department": "PARKS"}]}""");
        CommandLineTests.Result refusedFaq =
                CommandLineTests.run("knowledge", faultyFaq, database, "--jurisdiction=springfield.example");
        assertThat(refusedFaq.exitCode()).as(refusedFaq.output()).isEqualTo(2);
        assertThat(refusedFaq.output())
                .contains("knowledge: articles[1]: department 'PARKS' is not a department; nothing was loaded");
        java.nio.file.Files.writeString(
                faultyFaq,
                "{\"articles\": [{\"title\": \"Snow days\", \"body\": \"At 5 cm.\", \"reviewDate\": \"next spring\"}]}");
        assertThat(CommandLineTests.run("knowledge", faultyFaq, database, "--jurisdiction=springfield.example")
                        .output())
                .contains("knowledge: articles[0]: Text 'next spring' could not be parsed")
                .doesNotContain("Exception");
        java.nio.file.Files.writeString(
                faultyFaq,
                """
                {"articles": [{"title": "Snow days", "body": "Plows go out at 5 cm."},
                              {"title": "Snow Days", "body": "Plows go out at 10 cm."}]}""");
        assertThat(CommandLineTests.run("knowledge", faultyFaq, database, "--jurisdiction=springfield.example")
                        .output())
                .as("an article is known by its title: the second would silently replace the first")
                .contains("knowledge: articles[1]: title is the title of articles[0] too; nothing was loaded");
        CommandLineTests.Result loadedFaq = CommandLineTests.run(
                "knowledge", faq, database, "--jurisdiction=springfield.example", "--source=Springfield FAQ");
        assertThat(loadedFaq.exitCode()).as(loadedFaq.output()).isZero();
        assertThat(loadedFaq.output())
                .contains("2 articles published (2 new, 0 updated, 0 as they were, 0 as corrected in the console) and 1"
                        + " terms' synonyms defined for springfield.example");
        // The FAQ again, a season later: one answer changed, one new, one as it was. Nothing is there twice.
        java.nio.file.Files.writeString(
                faq,
                """
                {"articles": [
                   {"title": "When is garbage collected?", "body": "Every Wednesday morning, before 7.",
                    "department": "SAN", "keywords": ["garbage day"], "audience": "PUBLIC"},
                   {"title": "Who fills potholes?", "body": "The Streets department, within three days.",
                    "department": "STR", "audience": "STAFF"},
                   {"title": "Where do leaves go?", "body": "In paper bags at the curb, in November."}]}""");
        CommandLineTests.Result reloadedFaq = CommandLineTests.run(
                "knowledge", faq, database, "--jurisdiction=springfield.example", "--source=Springfield FAQ");
        assertThat(reloadedFaq.exitCode()).as(reloadedFaq.output()).isZero();
        assertThat(reloadedFaq.output())
                .contains("3 articles published (1 new, 1 updated, 1 as they were, 0 as corrected in the console)");

        // Helen lost the password, or let it expire unused: whoever runs the server lets her back in, while the
        // server listens for the city's mail on its SMTP port (held here by this test).
        CommandLineTests.Result recovered;
        try (java.net.ServerSocket smtp = new java.net.ServerSocket(0)) {
            List<String> beside = new java.util.ArrayList<>(database);
            beside.add("--civic311.inbox.smtp.port=" + smtp.getLocalPort());
            recovered = CommandLineTests.run(
                    beside, "administrator", "--jurisdiction=springfield.example", "--username=hsimpson");
        }
        assertThat(recovered.exitCode()).as(recovered.output()).isZero();
        Matcher newPassword = Pattern.compile("turn it on again\\.\\R(\\S+)").matcher(recovered.output());
        assertThat(newPassword.find()).as(recovered.output()).isTrue();
        assertThat(CommandLineTests.run(
                                database, "administrator", "--jurisdiction=nowhere.example", "--username=hsimpson")
                        .output())
                .contains("no city nowhere.example is defined");
        CommandLineTests.Result unnamed = CommandLineTests.run(
                database, "administrator", "--jurisdiction=springfield.example", "--username=cwiggum");
        assertThat(unnamed.exitCode()).isEqualTo(2);
        assertThat(unnamed.output()).contains("name is required for an account that is not there yet");

        List<String> server = new java.util.ArrayList<>(database);
        server.add("--server.port=0");
        try (var running = new SpringApplicationBuilder(Civic311Application.class).run(server.toArray(String[]::new))) {
            int port = Integer.parseInt(running.getEnvironment().getRequiredProperty("local.server.port"));
            String services = new Http(port)
                    .get("/open311/v2/services.json?jurisdiction_id=springfield.example")
                    .body();
            assertThat(services).contains("SF-1", "SF-3").doesNotContain("Missed garbage pickup");
            var catalog = running.getBean(org.civic311.catalog.Catalog.class);
            assertThat(catalog.requireServiceType("springfield.example", "SF-1")
                            .target()
                            .amount())
                    .isEqualTo(5);
            assertThat(catalog.serviceType("springfield.example", "SF-2")
                            .orElseThrow()
                            .active())
                    .isFalse();
            assertThat(catalog.person("springfield.example", "mflanders")).isPresent();
            assertThat(running.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                            .sql(
                                    """
                                    select string_agg(title, ' | ' order by title) from knowledge_article
                                    where jurisdiction_id = 'springfield.example' and status = 'PUBLISHED'""")
                            .query(String.class)
                            .single())
                    .as("the FAQ loaded, and nothing of the faulty file")
                    .isEqualTo("When is garbage collected? | Where do leaves go? | Who fills potholes?");
            assertThat(running.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                            .sql(
                                    """
                                    select version || ': ' || body from knowledge_article
                                    where jurisdiction_id = 'springfield.example' and title like 'When is garbage%'""")
                            .query(String.class)
                            .single())
                    .as("the changed answer is a new version of the same article")
                    .isEqualTo("2: Every Wednesday morning, before 7.");
            assertThat(running.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                            .sql(
                                    """
                                    select subject || ': ' || regexp_replace(change, 'rule \\d+', 'rule N', 'g')
                                    from catalogue_change
                                    where jurisdiction_id = 'springfield.example' and actor = 'city command'
                                    order by subject""")
                            .query(String.class)
                            .list())
                    .as("the update is recorded as the console's changes are, new boundaries too (the dry run's not)")
                    .containsExactlyInAnyOrder(
                            "SF-1: due within 3 business days → 5 business days",
                            "SF-2: retired: left out of the city file",
                            "SF-3: added by the city file",
                            "wards: 1 wards drawn; no longer placing reports: 2; routing rules that now pick nothing:"
                                    + " rule N (SF-1 in ward 2)",
                            "wards: 2 wards drawn; new: 2");
            // Placed in its ward and routed by its rule, from an address of the city's own list.
            String located = new Http(port)
                    .postJson(
                            "/api/v1/triage",
                            "{\"text\":\"pothole outside 12 Elm St\",\"jurisdiction\":\"springfield.example\"}")
                    .body();
            assertThat(located).contains("39.7705");

            assertThat(Http.browser(port)
                            .signIn("hsimpson", password.group(1), null)
                            .headers()
                            .firstValue("Location"))
                    .as("the first password no longer works")
                    .hasValueSatisfying(location -> assertThat(location).contains("error"));
            Http helen = Http.browser(port);
            assertThat(helen.signIn("hsimpson", newPassword.group(1), null).status())
                    .isEqualTo(302);
            assertThat(helen.get("/staff/admin/accounts").headers().firstValue("Location"))
                    .hasValueSatisfying(location -> assertThat(location).endsWith("/staff/profile?choose-password"));

            // A later release migrated this database; then the jar was rolled back.
            running.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                    .sql(
                            """
                            insert into flyway_schema_history (installed_rank, version, description, type, script,
                                checksum, installed_by, execution_time, success)
                            select max(installed_rank) + 1, '99991231.0000', 'from a later release', 'SQL',
                                'V99991231_0000__from_a_later_release.sql', 0, current_user, 0, true
                            from flyway_schema_history""")
                    .update();
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CommandLineTests.run(
                        "city", CITIES.resolve("springfield-updated.json"), database, "--update", "--dry-run"))
                .as("an older release does not run on a schema it does not know")
                .hasStackTraceContaining("99991231.0000");
    }
}
