package org.civic311.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A city's definition as files: its catalogue (the jurisdiction with its statuses, working hours and holidays,
 * departments, the people of its directory, service types with their questions and service level targets, routing
 * rules and reply templates; JSON, described in {@code docs/CITY-SETUP.md}) and its ward boundaries (GeoJSON
 * polygons, each feature's {@code code} and {@code name} properties). The demo city is read from these files too.
 */
public final class CityFile {

    private final JsonMapper json;

    public CityFile(JsonMapper json) {
        this.json = json;
    }

    /**
     * Reads and checks a city's files.
     *
     * @param wards the ward boundaries, or null for a city without wards
     * @throws IllegalArgumentException naming what is missing or wrong, and where
     */
    public JurisdictionDefinition read(InputStream catalog, @Nullable InputStream wards) throws IOException {
        JurisdictionDefinition definition = parse(catalog, wards);
        check(definition);
        return definition;
    }

    private JurisdictionDefinition parse(InputStream catalog, @Nullable InputStream wards) throws IOException {
        JsonNode root = json.readTree(catalog);
        JsonNode j = root.required("jurisdiction");
        String id = j.required("id").asString();
        List<RequestStatus> statuses = new ArrayList<>();
        for (JsonNode s : j.required("statuses")) {
            statuses.add(new RequestStatus(
                    s.required("code").asString(),
                    s.required("name").asString(),
                    s.required("closed").asBoolean(),
                    s.path("initial").asBoolean(false)));
        }
        Jurisdiction jurisdiction = new Jurisdiction(
                id,
                j.required("name").asString(),
                ZoneId.of(j.required("timeZone").asString()),
                text(j, "contact"),
                statuses,
                calendar(j));

        List<Department> departments = new ArrayList<>();
        for (JsonNode d : root.required("departments")) {
            departments.add(new Department(
                    id,
                    d.required("code").asString(),
                    d.required("name").asString(),
                    text(d, "email"),
                    text(d, "phone"),
                    text(d, "manager")));
        }
        List<Person> people = new ArrayList<>();
        for (JsonNode p : root.required("people")) {
            people.add(new Person(
                    id,
                    p.required("key").asString(),
                    p.required("name").asString(),
                    p.required("title").asString(),
                    p.required("department").asString(),
                    PersonRole.valueOf(p.required("role").asString()),
                    p.required("phone").asString(),
                    p.required("email").asString()));
        }
        List<ServiceType> types = new ArrayList<>();
        for (JsonNode t : root.required("serviceTypes")) {
            types.add(serviceType(id, t, departments));
        }
        List<RoutingRule> rules = new ArrayList<>();
        for (JsonNode r : root.path("routingRules")) {
            rules.add(new RoutingRule(
                    text(r, "service"),
                    text(r, "ward"),
                    r.required("department").asString(),
                    switch (r.required("dispatch").asString()) {
                        case "QUEUE" -> new Dispatch.Queue();
                        case "EMAIL" -> new Dispatch.Email(r.required("email").asString());
                        case "OPEN311" ->
                            new Dispatch.Open311(
                                    r.required("endpoint").asString(),
                                    r.path("apiKey").asString(""),
                                    r.required("externalCode").asString());
                        default -> throw new IllegalArgumentException("unknown dispatch " + r.get("dispatch"));
                    },
                    text(r, "supervisor")));
        }
        List<ReplyTemplate> templates = new ArrayList<>();
        for (JsonNode t : root.path("replyTemplates")) {
            templates.add(new ReplyTemplate(
                    text(t, "service"),
                    Resolution.valueOf(t.required("resolution").asString()),
                    t.required("text").asString()));
        }
        return new JurisdictionDefinition(
                jurisdiction, departments, people, types, wards == null ? List.of() : wards(wards), rules, templates);
    }

    /** What the database would refuse with a constraint's name, said in the file's own terms instead. */
    private static void check(JurisdictionDefinition city) {
        long initial = city.jurisdiction().statuses().stream()
                .filter(RequestStatus::initial)
                .count();
        if (initial != 1) {
            throw new IllegalArgumentException("jurisdiction.statuses: exactly one status must be \"initial\"");
        }
        if (city.jurisdiction().statuses().stream().noneMatch(RequestStatus::closed)) {
            throw new IllegalArgumentException("jurisdiction.statuses: at least one status must be \"closed\"");
        }
        java.util.Set<String> departments = unique(
                "departments", city.departments().stream().map(Department::code).toList());
        java.util.Set<String> people =
                unique("people", city.people().stream().map(Person::key).toList());
        java.util.Set<String> types = unique(
                "serviceTypes",
                city.serviceTypes().stream().map(ServiceType::code).toList());
        java.util.Set<String> wards =
                unique("wards", city.wards().stream().map(WardBoundary::code).toList());
        for (Person person : city.people()) {
            known("people[" + person.key() + "].department", person.departmentCode(), departments);
        }
        for (Department department : city.departments()) {
            if (department.managerKey() != null) {
                known("departments[" + department.code() + "].manager", department.managerKey(), people);
            }
        }
        for (RoutingRule rule : city.routingRules()) {
            known("routingRules: department", rule.departmentCode(), departments);
            if (rule.serviceCode() != null) {
                known("routingRules: service", rule.serviceCode(), types);
            }
            if (rule.wardCode() != null) {
                known("routingRules: ward", rule.wardCode(), wards);
            }
            if (rule.supervisorKey() != null) {
                known("routingRules: supervisor", rule.supervisorKey(), people);
            }
        }
        for (ReplyTemplate template : city.replyTemplates()) {
            if (template.serviceCode() != null) {
                known("replyTemplates: service", template.serviceCode(), types);
            }
        }
    }

    private static java.util.Set<String> unique(String what, List<String> codes) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String code : codes) {
            if (!seen.add(code)) {
                throw new IllegalArgumentException(what + ": \"" + code + "\" appears twice");
            }
        }
        return seen;
    }

    private static void known(String where, String code, java.util.Set<String> known) {
        if (!known.contains(code)) {
            throw new IllegalArgumentException(where + ": no \"" + code + "\" is defined");
        }
    }

    private static BusinessCalendar calendar(JsonNode jurisdiction) {
        JsonNode hours = jurisdiction.path("workingHours");
        if (hours.isMissingNode()) {
            return BusinessCalendar.weekdays();
        }
        var open = new BusinessCalendar.WorkingHours(
                LocalTime.parse(hours.required("opens").asString()),
                LocalTime.parse(hours.required("closes").asString()));
        Map<DayOfWeek, BusinessCalendar.WorkingHours> week = new EnumMap<>(DayOfWeek.class);
        hours.required("days").forEach(day -> week.put(DayOfWeek.valueOf(day.asString()), open));
        Map<LocalDate, String> holidays = new HashMap<>();
        jurisdiction
                .path("holidays")
                .forEach(h -> holidays.put(
                        LocalDate.parse(h.required("day").asString()),
                        h.required("name").asString()));
        return new BusinessCalendar(week, holidays);
    }

    private ServiceType serviceType(String jurisdictionId, JsonNode t, List<Department> departments) {
        String departmentCode = t.required("department").asString();
        String agency = departments.stream()
                .filter(d -> d.code().equals(departmentCode))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown department " + departmentCode))
                .name();
        List<String> keywords = new ArrayList<>();
        t.path("keywords").forEach(k -> keywords.add(k.asString()));
        List<ServiceAttribute> attributes = new ArrayList<>();
        for (JsonNode a : t.path("attributes")) {
            List<AttributeValue> values = new ArrayList<>();
            a.path("values")
                    .forEach(v -> values.add(new AttributeValue(
                            v.required("key").asString(), v.required("name").asString())));
            attributes.add(new ServiceAttribute(
                    a.required("code").asString(),
                    a.required("variable").asBoolean(),
                    AttributeDatatype.valueOf(a.required("datatype").asString().toUpperCase(Locale.ROOT)),
                    a.required("required").asBoolean(),
                    text(a, "datatypeDescription"),
                    a.required("order").asInt(),
                    a.required("description").asString(),
                    values));
        }
        JsonNode sla = t.required("sla");
        return new ServiceType(
                jurisdictionId,
                t.required("code").asString(),
                t.required("name").asString(),
                text(t, "description"),
                t.required("group").asString(),
                departmentCode,
                agency,
                keywords,
                ServiceDelivery.valueOf(t.required("type").asString().toUpperCase(Locale.ROOT)),
                t.path("active").asBoolean(true),
                new ServiceLevelTarget(
                        sla.required("amount").asInt(),
                        ServiceLevelTarget.Unit.valueOf(sla.required("unit").asString())),
                text(t, "notice"),
                attributes,
                duplicatePolicy(t.path("duplicates")),
                t.path("anonymous").asBoolean(true),
                t.path("privateLocation").asBoolean(false));
    }

    /** GeoJSON features with Polygon or MultiPolygon geometries; the first ring of a polygon is its outline. */
    private List<WardBoundary> wards(InputStream geojson) throws IOException {
        List<WardBoundary> wards = new ArrayList<>();
        for (JsonNode feature : json.readTree(geojson).required("features")) {
            JsonNode properties = feature.required("properties");
            JsonNode geometry = feature.required("geometry");
            List<JsonNode> polygons = new ArrayList<>();
            switch (geometry.required("type").asString()) {
                case "Polygon" -> polygons.add(geometry.required("coordinates"));
                case "MultiPolygon" -> geometry.required("coordinates").forEach(polygons::add);
                default -> throw new IllegalArgumentException("unsupported ward geometry " + geometry.get("type"));
            }
            List<List<WardBoundary.Position>> outer = new ArrayList<>();
            List<List<WardBoundary.Position>> holes = new ArrayList<>();
            for (JsonNode polygon : polygons) {
                for (int ring = 0; ring < polygon.size(); ring++) {
                    List<WardBoundary.Position> positions = new ArrayList<>();
                    polygon.get(ring)
                            .forEach(p -> positions.add(new WardBoundary.Position(
                                    p.get(0).asDouble(), p.get(1).asDouble())));
                    (ring == 0 ? outer : holes).add(positions);
                }
            }
            wards.add(new WardBoundary(
                    property(properties, "code", "AREA_SHORT_CODE"),
                    property(properties, "name", "AREA_NAME"),
                    outer,
                    holes));
        }
        return wards;
    }

    /** A ward's code or name: the plain property, or the name Toronto's open data gives it. */
    private static String property(JsonNode properties, String plain, String toronto) {
        JsonNode value = properties.has(plain) ? properties.get(plain) : properties.get(toronto);
        if (value == null || value.isNull() || value.asString().isBlank()) {
            throw new IllegalArgumentException("wards: a feature has no \"" + plain + "\" property");
        }
        return value.asString();
    }

    private static DuplicatePolicy duplicatePolicy(JsonNode policy) {
        if (policy.isMissingNode()) {
            return DuplicatePolicy.STANDARD;
        }
        DuplicatePolicy standard = DuplicatePolicy.STANDARD;
        return new DuplicatePolicy(
                policy.path("duplicateRadiusMetres").asInt(standard.duplicateRadiusMetres()),
                policy.path("repeatThreshold").asInt(standard.repeatThreshold()),
                policy.path("repeatWindowDays").asInt(standard.repeatWindowDays()),
                policy.path("repeatRadiusMetres").asInt(standard.repeatRadiusMetres()));
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }
}
