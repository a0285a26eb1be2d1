package org.civic311.democity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import org.civic311.catalog.Catalog;
import org.civic311.catalog.CityFile;
import org.civic311.catalog.JurisdictionDefinition;
import org.civic311.knowledge.KnowledgeBase;
import org.civic311.open311.ApiKeys;
import org.civic311.open311.Open311Archive;
import org.civic311.requests.ImportReport;
import org.civic311.staff.Role;
import org.civic311.staff.StaffDirectory;
import org.civic311.staff.StaffMember;
import org.civic311.staff.StaffProfile;
import org.civic311.triage.Gazetteer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads the demo city when the database is empty. It runs once every bean exists, after the migrations and before the
 * web server opens, so no client ever sees a half-loaded city.
 */
@Component
class DemoCity implements SmartInitializingSingleton {

    static final String JURISDICTION = "toronto.ca";
    private static final Logger log = LoggerFactory.getLogger(DemoCity.class);

    private final DemoCityProperties properties;
    private final Catalog catalog;
    private final ApiKeys apiKeys;
    private final Open311Archive archive;
    private final TransactionTemplate transaction;
    private final JsonMapper json;
    private final StaffDirectory staff;
    private final Gazetteer gazetteer;
    private final KnowledgeBase knowledge;

    DemoCity(
            DemoCityProperties properties,
            Catalog catalog,
            ApiKeys apiKeys,
            Open311Archive archive,
            TransactionTemplate transaction,
            JsonMapper json,
            StaffDirectory staff,
            Gazetteer gazetteer,
            KnowledgeBase knowledge) {
        this.properties = properties;
        this.catalog = catalog;
        this.apiKeys = apiKeys;
        this.archive = archive;
        this.transaction = transaction;
        this.json = json;
        this.staff = staff;
        this.gazetteer = gazetteer;
        this.knowledge = knowledge;
    }

    /** The demo city's addresses with positions, from its real Open311 requests (democity/gazetteer.csv). */
    private static List<Gazetteer.Entry> gazetteerEntries() {
        try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(
                resource("democity/gazetteer.csv"), java.nio.charset.StandardCharsets.UTF_8))) {
            return reader.lines()
                    .skip(1)
                    .map(line -> line.split(","))
                    .map(f -> new Gazetteer.Entry(f[0], Double.parseDouble(f[1]), Double.parseDouble(f[2])))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the demo city's gazetteer", e);
        }
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!properties.enabled() || !catalog.isEmpty()) {
            return;
        }
        transaction.executeWithoutResult(status -> load());
    }

    private void load() {
        JurisdictionDefinition definition;
        try (InputStream catalogFile = resource("democity/catalog.json");
                InputStream wards = resource("democity/wards.geojson")) {
            definition = new CityFile(json).read(catalogFile, wards);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the demo city", e);
        }
        catalog.define(definition);
        apiKeys.register(JURISDICTION, properties.apiKey(), "Demo key (documented in the README)");
        for (StaffMember member : DEMO_STAFF) {
            staff.register(member, properties.staffPassword());
        }
        // The agents who answer residents in public sign with a short public name, as named agents do.
        staff.updateProfile("agent", "311 Contact Centre, day shift", "Sam R.", StaffProfile.Signature.NAME, null);
        staff.updateProfile("agent2", "311 Contact Centre, day shift", "Jordan L.", StaffProfile.Signature.NAME, null);
        staff.updateProfile("supervisor", "311 Contact Centre", "Priya N.", StaffProfile.Signature.INITIALS, null);
        gazetteer.load(JURISDICTION, gazetteerEntries());
        new DemoKnowledge(knowledge, json).load(JURISDICTION);
        log.info(
                "Loaded the demo city {}: {} service types, {} departments, {} wards",
                definition.jurisdiction().name(),
                definition.serviceTypes().size(),
                definition.departments().size(),
                definition.wards().size());
        if (properties.history()) {
            try (InputStream history = resource("democity/requests-2018.json")) {
                ImportReport report = archive.load(JURISDICTION, history);
                log.info(
                        "Loaded {} historical requests of the demo city ({} refused)",
                        report.imported(),
                        report.rejected().size());
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the demo city's requests", e);
            }
        }
    }

    /** The demo staff accounts, listed in the README; the manager is the Solid Waste manager of the directory. */
    static final List<StaffMember> DEMO_STAFF = List.of(
            new StaffMember("agent", "Sam Rivera", "311 Agent", Set.of(Role.AGENT), JURISDICTION, null, null),
            new StaffMember("agent2", "Jordan Lee", "311 Agent", Set.of(Role.AGENT), JURISDICTION, null, null),
            new StaffMember(
                    "supervisor",
                    "Priya Natarajan",
                    "311 Supervisor",
                    Set.of(Role.SUPERVISOR),
                    JURISDICTION,
                    null,
                    null),
            new StaffMember(
                    "swm",
                    "Luis Ortega",
                    "Collections Coordinator, Solid Waste",
                    Set.of(Role.DEPARTMENT_STAFF),
                    JURISDICTION,
                    "SWM",
                    null),
            new StaffMember(
                    "swm.manager",
                    "Julian Marchetti",
                    "Manager, Collections Operations",
                    Set.of(Role.DEPARTMENT_MANAGER),
                    JURISDICTION,
                    "SWM",
                    "jmarchetti"),
            new StaffMember(
                    "roads",
                    "Dana Kowalski",
                    "Road Operations Coordinator",
                    Set.of(Role.DEPARTMENT_STAFF),
                    JURISDICTION,
                    "TSRO",
                    null),
            new StaffMember(
                    "admin", "Alex Chen", "Administrator", Set.of(Role.ADMINISTRATOR), JURISDICTION, null, null));

    private static InputStream resource(String path) throws IOException {
        return new ClassPathResource(path).getInputStream();
    }
}
