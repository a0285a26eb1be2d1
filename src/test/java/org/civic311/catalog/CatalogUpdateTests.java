package org.civic311.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.function.Consumer;
import org.civic311.common.InvalidInputException;
import org.civic311.support.Civic311Test;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A new version of a city's catalogue may not pull a status from under the requests that are in it: they copy
 * whether it is closed, and their queues and service level targets read that copy.
 */
@Civic311Test
class CatalogUpdateTests {

    @Autowired
    Catalog catalog;

    @Autowired
    JsonMapper json;

    @Autowired
    org.civic311.requests.ServiceRequests requests;

    @Autowired
    org.civic311.requests.RequestWork work;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transaction;

    @Autowired
    CatalogEditor editor;

    @Autowired
    org.civic311.inquiries.Inquiries inquiries;

    /** Tries an update, and undoes it whatever happens: the demo city other tests read stays as it is. */
    void tryUpdate(JurisdictionDefinition definition) {
        transaction.executeWithoutResult(status -> {
            status.setRollbackOnly();
            catalog.update(definition);
        });
    }

    JurisdictionDefinition demoWith(Consumer<ArrayNode> statuses) throws Exception {
        return demo(root -> statuses.accept((ArrayNode) root.get("jurisdiction").get("statuses")));
    }

    JurisdictionDefinition demo(Consumer<ObjectNode> change) throws Exception {
        ObjectNode root;
        try (InputStream file = new ClassPathResource("democity/catalog.json").getInputStream()) {
            root = (ObjectNode) json.readTree(file);
        }
        change.accept(root);
        return new CityFile(json)
                .read(
                        new ByteArrayInputStream(json.writeValueAsBytes(root)),
                        null,
                        id -> java.util.Set.copyOf(
                                catalog.wards(id).stream().map(Ward::code).toList()));
    }

    static ObjectNode status(ArrayNode statuses, String code) {
        for (JsonNode status : statuses) {
            if (status.get("code").asString().equals(code)) {
                return (ObjectNode) status;
            }
        }
        throw new IllegalArgumentException(code);
    }

    @Test
    void aQuestionTheCityFileLeavesOutIsRetiredWithItsWordingAndAskedAgainWhenTheFileListsIt() throws Exception {
        JurisdictionDefinition without = demo(root -> {
            for (JsonNode type : root.get("serviceTypes")) {
                if (type.get("code").asString().equals("CSROWR-12")) {
                    ((ArrayNode) type.get("attributes")).remove(0);
                }
            }
        });
        JurisdictionDefinition with = demo(root -> {});
        transaction.executeWithoutResult(status -> {
            status.setRollbackOnly();
            catalog.update(without);
            ServiceType type = catalog.serviceType("toronto.ca", "CSROWR-12").orElseThrow();
            assertThat(type.questions()).extracting(ServiceAttribute::code).doesNotContain("POTHOLE_SIZE");
            assertThat(type.retiredQuestions())
                    .extracting(ServiceAttribute::code)
                    .containsExactly("POTHOLE_SIZE");
            assertThat(type.describeAnswers(java.util.Map.of("POTHOLE_SIZE", java.util.List.of("LARGE"))))
                    .containsExactly(new ServiceType.Answer(
                            "About how big is the pothole?", java.util.List.of("Larger than a car tire"), true));

            catalog.update(with);
            assertThat(catalog.serviceType("toronto.ca", "CSROWR-12")
                            .orElseThrow()
                            .questions())
                    .extracting(ServiceAttribute::code)
                    .containsExactly("POTHOLE_SIZE", "LOCATION_ON_ROAD", "POTHOLE_COUNT");
        });
    }

    @Test
    void anUpdateThatLeavesOutSomeoneStillOwingACallbackIsRefusedByNameAndChangesNothing() throws Exception {
        editor.savePerson(
                "toronto.ca",
                null,
                new PersonForm(
                        "p.leaving-file",
                        "Noor Haddad",
                        "Manager, Parks",
                        "PFR",
                        "MANAGER",
                        "416-555-0466",
                        "noor.haddad@example.org"),
                "admin");
        String reference = inquiries
                .open(
                        "toronto.ca",
                        new org.civic311.inquiries.NewInquiry(
                                "Who looks after the sundial in the park?",
                                null,
                                "416-555-0467",
                                null,
                                true,
                                org.civic311.inquiries.ContactChannel.PHONE,
                                null),
                        "agent")
                .reference();
        inquiries.escalate("toronto.ca", reference, "p.leaving-file", null, null, null, "agent");
        // The city's file as it is, without the person added on screen since.
        JurisdictionDefinition file = demo(root -> {});

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
                    status.setRollbackOnly();
                    editor.updateCity(file, false, "city command");
                }))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("left out of the file but still needed: ")
                .hasMessageContaining("p.leaving-file owes 1 promised callback");
        assertThat(catalog.person("toronto.ca", "p.leaving-file")).isPresent();
    }

    @Autowired
    CatalogRepository repository;

    @Test
    void theCatalogueWrittenAsACityFileReadsBackAsItStands() throws Exception {
        JurisdictionDefinition now = catalog.definition("toronto.ca");
        byte[] file = new CityFile(json).write(now);

        JurisdictionDefinition read = new CityFile(json)
                .read(
                        new ByteArrayInputStream(file),
                        null,
                        id -> java.util.Set.copyOf(
                                catalog.wards(id).stream().map(Ward::code).toList()));

        assertThat(read.jurisdiction()).isEqualTo(now.jurisdiction());
        assertThat(read.departments()).containsExactlyElementsOf(now.departments());
        assertThat(read.people()).containsExactlyElementsOf(now.people());
        java.util.function.Function<ServiceType, String> asked = t -> String.join(
                "|",
                t.code(),
                t.name(),
                t.departmentCode(),
                String.valueOf(t.target()),
                String.valueOf(t.duplicates()),
                String.valueOf(t.privateLocation()),
                t.questions().stream()
                        .map(q ->
                                q.code() + ":" + q.datatype() + ":" + q.values().size())
                        .toList()
                        .toString());
        assertThat(read.serviceTypes().stream().map(asked).toList())
                .as("the types offered, with the questions they ask")
                .containsExactlyElementsOf(now.serviceTypes().stream()
                        .filter(ServiceType::active)
                        .map(asked)
                        .toList());
        java.util.Set<String> offered = now.serviceTypes().stream()
                .filter(ServiceType::active)
                .map(ServiceType::code)
                .collect(java.util.stream.Collectors.toSet());
        assertThat(read.routingRules())
                .containsExactlyElementsOf(now.routingRules().stream()
                        .filter(r -> r.serviceCode() == null || offered.contains(r.serviceCode()))
                        .toList());
        assertThat(read.replyTemplates())
                .containsExactlyElementsOf(now.replyTemplates().stream()
                        .filter(t -> t.serviceCode() == null || offered.contains(t.serviceCode()))
                        .toList());
        assertThat(new String(file, java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("apiKey");
    }

    @Test
    void anUpdateThatLeavesOutTheManagerOfADepartmentItKeepsIsRefusedByName() throws Exception {
        JurisdictionDefinition file = demo(root -> {});
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
                    status.setRollbackOnly();
                    editor.savePerson(
                            "toronto.ca",
                            null,
                            new PersonForm(
                                    "p.manages-unfiled",
                                    "Ines Duarte",
                                    "Manager, Heritage",
                                    "PFR",
                                    "MANAGER",
                                    "416-555-0468",
                                    "ines.duarte@example.org"),
                            "admin");
                    editor.saveDepartment(
                            "toronto.ca",
                            null,
                            new DepartmentForm("HERIT", "Heritage Preservation", "", "", "p.manages-unfiled"),
                            "admin");
                    editor.updateCity(file, false, "city command");
                }))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("p.manages-unfiled manages HERIT, which the file leaves as it is");
    }

    @Test
    void theFileGivesDaysOtherHoursAndRefusesAHolidayListedTwice() throws Exception {
        JurisdictionDefinition saturdays = demo(root -> {
            ArrayNode hours = ((ObjectNode) root.get("jurisdiction")).putArray("workingHours");
            ObjectNode week = hours.addObject();
            week.put("opens", "08:30").put("closes", "16:30");
            week.putArray("days")
                    .add("MONDAY")
                    .add("TUESDAY")
                    .add("WEDNESDAY")
                    .add("THURSDAY")
                    .add("FRIDAY");
            ObjectNode saturday = hours.addObject();
            saturday.put("opens", "09:00").put("closes", "12:00");
            saturday.putArray("days").add("SATURDAY");
        });
        assertThat(saturdays.jurisdiction().calendar().week().get(java.time.DayOfWeek.SATURDAY))
                .isEqualTo(
                        new BusinessCalendar.WorkingHours(java.time.LocalTime.of(9, 0), java.time.LocalTime.of(12, 0)));
        assertThat(saturdays.jurisdiction().calendar().week()).doesNotContainKey(java.time.DayOfWeek.SUNDAY);

        assertThatThrownBy(() -> demo(root -> {
                    ArrayNode holidays = ((ObjectNode) root.get("jurisdiction")).putArray("holidays");
                    holidays.addObject().put("day", "2026-12-25").put("name", "Christmas Day");
                    holidays.addObject().put("day", "2026-12-25").put("name", "Christmas");
                }))
                .hasMessageContaining("holidays[1]: 2026-12-25 is a holiday twice");
    }

    @Test
    void anEndpointsKeyTypedInTheConsoleIsKeptByAnUpdateWhoseFileLeavesItOut() throws Exception {
        java.util.function.Function<String, Consumer<ObjectNode>> routedTo = key -> root -> {
            ObjectNode rule = ((ArrayNode) root.get("routingRules")).addObject();
            rule.put("service", "CSROWR-12");
            rule.put("ward", "11");
            rule.put("department", "TSRO");
            rule.put("dispatch", "OPEN311");
            rule.put("endpoint", "https://works.toronto.example/open311/v2");
            rule.put("externalCode", "POTHOLE");
            if (key != null) {
                rule.put("apiKey", key);
            }
        };
        JurisdictionDefinition withKey = demo(routedTo.apply("key-typed-in-the-console"));
        JurisdictionDefinition withoutKey = demo(routedTo.apply(null));
        transaction.executeWithoutResult(status -> {
            status.setRollbackOnly();
            catalog.update(withKey);
            catalog.update(withoutKey);
            assertThat(repository.routing("toronto.ca").stream()
                            .map(CatalogEditor.Routing::rule)
                            .map(RoutingRule::dispatch)
                            .filter(d -> d instanceof Dispatch.Open311)
                            .map(d -> ((Dispatch.Open311) d).apiKey())
                            .toList())
                    .containsExactly("key-typed-in-the-console");
        });
    }

    @Test
    void aStatusRequestsAreInCannotBeLeftOutNorChangeBetweenOpenAndClosed() {
        String id = requests.submit(new org.civic311.requests.NewServiceRequest(
                        "toronto.ca",
                        "CSROWR-12",
                        new org.civic311.requests.Location(43.6534, -79.3841, "100 Queen St W", null, null),
                        "Deep pothole in the curb lane",
                        java.util.Map.of(
                                "POTHOLE_SIZE", java.util.List.of("LARGE"),
                                "LOCATION_ON_ROAD", java.util.List.of("CURB_LANE")),
                        java.util.List.of(),
                        java.util.List.of(),
                        org.civic311.requests.Reporter.anonymous(),
                        org.civic311.requests.Channel.WEB,
                        null))
                .publicId();
        work.transition(
                "toronto.ca",
                id,
                new org.civic311.requests.Transition("in_progress", "A crew is on its way.", null, null),
                new org.civic311.requests.Actor("roads", "console"));

        assertThatThrownBy(
                        () -> tryUpdate(demoWith(s -> status(s, "in_progress").put("closed", true))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("\"in_progress\" would change between open and closed while");
        assertThatThrownBy(() -> tryUpdate(demoWith(s -> {
                    for (int i = 0; i < s.size(); i++) {
                        if (s.get(i).get("code").asString().equals("in_progress")) {
                            s.remove(i);
                            return;
                        }
                    }
                })))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("\"in_progress\" is left out, but");
        assertThat(catalog.resolveJurisdiction("toronto.ca")
                        .requireStatus("in_progress")
                        .closed())
                .isFalse();
    }
}
