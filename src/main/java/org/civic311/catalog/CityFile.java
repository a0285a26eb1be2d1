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
        return read(catalog, wards, id -> java.util.Set.of());
    }

    /**
     * Reads and checks a new definition of a city, whose routing rules may name the wards it has already.
     *
     * @param storedWards the codes of the wards a jurisdiction has already, by its id
     */
    public JurisdictionDefinition read(
            InputStream catalog,
            @Nullable InputStream wards,
            java.util.function.Function<String, java.util.Set<String>> storedWards)
            throws IOException {
        JurisdictionDefinition definition = parse(catalog, wards);
        check(definition, storedWards.apply(definition.jurisdiction().id()));
        return definition;
    }

    private JurisdictionDefinition parse(InputStream catalog, @Nullable InputStream wards) throws IOException {
        JsonNode root = at("the catalogue", () -> json.readTree(catalog));
        at(
                "the catalogue",
                () -> fields(
                        root,
                        "jurisdiction",
                        "departments",
                        "people",
                        "serviceTypes",
                        "routingRules",
                        "replyTemplates"));
        JsonNode j = at("the catalogue", () -> root.required("jurisdiction"));
        Jurisdiction jurisdiction = at("jurisdiction", () -> {
            fields(j, "id", "name", "timeZone", "contact", "contactCentre", "statuses", "workingHours", "holidays");
            List<RequestStatus> statuses = new ArrayList<>();
            for (JsonNode s : j.required("statuses")) {
                fields(s, "code", "name", "closed", "initial");
                statuses.add(new RequestStatus(
                        s.required("code").asString(),
                        s.required("name").asString(),
                        flag(s, "closed", null),
                        flag(s, "initial", false)));
            }
            unique("statuses", statuses.stream().map(RequestStatus::code).toList());
            return new Jurisdiction(
                    j.required("id").asString(),
                    j.required("name").asString(),
                    ZoneId.of(j.required("timeZone").asString()),
                    text(j, "contact"),
                    text(j, "contactCentre"),
                    statuses,
                    calendar(j));
        });
        String id = jurisdiction.id();

        List<Department> departments = new ArrayList<>();
        for (JsonNode d : at("the catalogue", () -> root.required("departments"))) {
            at("departments[" + departments.size() + "]", () -> fields(d, "code", "name", "email", "phone", "manager"));
            departments.add(at(
                    "departments[" + departments.size() + "]",
                    // Checked as the console checks a department (its manager once the people are read).
                    () -> invalidAsArgument(() -> new Department(
                            id,
                            FormFields.code("code", d.required("code").asString()),
                            FormFields.required("name", d.required("name").asString(), 200),
                            FormFields.email("email", orEmpty(text(d, "email"))),
                            FormFields.phone("phone", orEmpty(text(d, "phone"))),
                            FormFields.line("manager", orEmpty(text(d, "manager")), 64)))));
        }
        List<Person> people = new ArrayList<>();
        for (JsonNode p : at("the catalogue", () -> root.required("people"))) {
            at(
                    "people[" + people.size() + "]",
                    () -> fields(p, "key", "name", "title", "department", "role", "phone", "email"));
            people.add(at(
                    "people[" + people.size() + "]",
                    // Checked as the console checks a person: a callback promise gives their phone to a caller,
                    // and its alerts go to their email, so "tbd" in either would surface only when one is made.
                    () -> invalidAsArgument(() -> PersonForm.from(field -> text(p, field))
                            .toPerson(id, p.required("key").asString(), departments))));
        }
        List<ServiceType> types = new ArrayList<>();
        for (JsonNode t : at("the catalogue", () -> root.required("serviceTypes"))) {
            types.add(at(
                    "serviceTypes[" + types.size() + "]"
                            + (t.has("code") ? " (" + t.get("code").asString() + ")" : ""),
                    () -> serviceType(id, t, departments)));
        }
        List<RoutingRule> rules = new ArrayList<>();
        for (JsonNode r : root.path("routingRules")) {
            at(
                    "routingRules[" + rules.size() + "]",
                    () -> fields(
                            r,
                            "service",
                            "ward",
                            "department",
                            "dispatch",
                            "email",
                            "endpoint",
                            "apiKey",
                            "externalCode",
                            "supervisor"));
            rules.add(at(
                    "routingRules[" + rules.size() + "]",
                    // Checked as the console checks a rule: an https endpoint, an email address.
                    () -> invalidAsArgument(
                            () -> RoutingRuleForm.from(field -> text(r, field)).toRule())));
        }
        List<ReplyTemplate> templates = new ArrayList<>();
        for (JsonNode t : root.path("replyTemplates")) {
            at("replyTemplates[" + templates.size() + "]", () -> fields(t, "service", "resolution", "text"));
            templates.add(at(
                    "replyTemplates[" + templates.size() + "]",
                    () -> new ReplyTemplate(
                            text(t, "service"),
                            Resolution.valueOf(t.required("resolution").asString()),
                            t.required("text").asString())));
        }
        return new JurisdictionDefinition(
                jurisdiction, departments, people, types, wards == null ? List.of() : checked(wards), rules, templates);
    }

    /**
     * The city's catalogue as a catalogue file, in the format {@link #read} reads: what the console changed, to keep
     * under version control before the next {@code --update} puts the file's version back. Retired types and questions
     * are left out (left out, they stay retired) with a retired type's routing rules and ready answers, and so are
     * Open311 endpoints' keys (an update keeps the stored one) and the wards, which have a file of their own.
     */
    public byte[] write(JurisdictionDefinition city) {
        var root = json.createObjectNode();
        Jurisdiction j = city.jurisdiction();
        var jurisdiction = root.putObject("jurisdiction");
        jurisdiction
                .put("id", j.id())
                .put("name", j.name())
                .put("timeZone", j.timeZone().getId());
        putIfSet(jurisdiction, "contact", j.contact());
        putIfSet(jurisdiction, "contactCentre", j.contactCentre());
        var statuses = jurisdiction.putArray("statuses");
        for (RequestStatus status : j.statuses()) {
            var written = statuses.addObject()
                    .put("code", status.code())
                    .put("name", status.name())
                    .put("closed", status.closed());
            if (status.initial()) {
                written.put("initial", true);
            }
        }
        // Days with the same hours share a set, in the week's order.
        var hours = jurisdiction.putArray("workingHours");
        Map<BusinessCalendar.WorkingHours, tools.jackson.databind.node.ArrayNode> sets =
                new java.util.LinkedHashMap<>();
        j.calendar().week().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(day -> sets.computeIfAbsent(day.getValue(), open -> {
                            var set = hours.addObject()
                                    .put("opens", open.opens().toString())
                                    .put("closes", open.closes().toString());
                            return set.putArray("days");
                        })
                        .add(day.getKey().name()));
        var holidays = jurisdiction.putArray("holidays");
        j.calendar().holidays().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(h ->
                        holidays.addObject().put("day", h.getKey().toString()).put("name", h.getValue()));
        var departments = root.putArray("departments");
        for (Department d : city.departments()) {
            var written = departments.addObject().put("code", d.code()).put("name", d.name());
            putIfSet(written, "email", d.email());
            putIfSet(written, "phone", d.phone());
            putIfSet(written, "manager", d.managerKey());
        }
        var people = root.putArray("people");
        for (Person p : city.people()) {
            people.addObject()
                    .put("key", p.key())
                    .put("name", p.name())
                    .put("title", p.title())
                    .put("department", p.departmentCode())
                    .put("role", p.role().name())
                    .put("phone", p.phone())
                    .put("email", p.email());
        }
        var types = root.putArray("serviceTypes");
        for (ServiceType t : city.serviceTypes()) {
            if (!t.active()) {
                continue;
            }
            var written = types.addObject().put("code", t.code()).put("name", t.name());
            putIfSet(written, "description", t.description());
            written.put("group", t.group()).put("department", t.departmentCode());
            var keywords = written.putArray("keywords");
            t.keywords().forEach(keywords::add);
            written.put("type", t.delivery().name().toLowerCase(Locale.ROOT));
            written.putObject("sla")
                    .put("amount", t.target().amount())
                    .put("unit", t.target().unit().name());
            putIfSet(written, "notice", t.notice());
            written.put("anonymous", t.anonymousAllowed())
                    .put("privateLocation", t.privateLocation())
                    .put("staffOnly", t.staffOnly())
                    .put("photosReviewed", t.photosReviewed());
            if (!t.duplicates().equals(DuplicatePolicy.STANDARD)) {
                written.putObject("duplicates")
                        .put("duplicateRadiusMetres", t.duplicates().duplicateRadiusMetres())
                        .put("repeatThreshold", t.duplicates().repeatThreshold())
                        .put("repeatWindowDays", t.duplicates().repeatWindowDays())
                        .put("repeatRadiusMetres", t.duplicates().repeatRadiusMetres());
            }
            var questions = written.putArray("attributes");
            for (ServiceAttribute a : t.questions()) {
                var question = questions
                        .addObject()
                        .put("code", a.code())
                        .put("variable", a.variable())
                        .put("datatype", a.datatype().name().toLowerCase(Locale.ROOT))
                        .put("required", a.required())
                        .put("order", a.order())
                        .put("description", a.description());
                putIfSet(question, "datatypeDescription", a.datatypeDescription());
                if (!a.values().isEmpty()) {
                    var values = question.putArray("values");
                    a.values()
                            .forEach(v -> values.addObject().put("key", v.key()).put("name", v.name()));
                }
            }
        }
        // A retired type's rule and ready answer would name a type the file leaves out: they go with it.
        java.util.Set<String> retired = city.serviceTypes().stream()
                .filter(t -> !t.active())
                .map(ServiceType::code)
                .collect(java.util.stream.Collectors.toSet());
        var rules = root.putArray("routingRules");
        for (RoutingRule r : city.routingRules()) {
            if (r.serviceCode() != null && retired.contains(r.serviceCode())) {
                continue;
            }
            var written = rules.addObject();
            putIfSet(written, "service", r.serviceCode());
            putIfSet(written, "ward", r.wardCode());
            written.put("department", r.departmentCode());
            switch (r.dispatch()) {
                case Dispatch.Queue q -> written.put("dispatch", "QUEUE");
                case Dispatch.Email e -> written.put("dispatch", "EMAIL").put("email", e.address());
                case Dispatch.Open311 o ->
                    written.put("dispatch", "OPEN311")
                            .put("endpoint", o.endpoint())
                            .put("externalCode", o.serviceCode());
            }
            putIfSet(written, "supervisor", r.supervisorKey());
        }
        var templates = root.putArray("replyTemplates");
        for (ReplyTemplate t : city.replyTemplates()) {
            if (t.serviceCode() != null && retired.contains(t.serviceCode())) {
                continue;
            }
            var written = templates.addObject();
            putIfSet(written, "service", t.serviceCode());
            written.put("resolution", t.resolution().name()).put("text", t.text());
        }
        return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    private static void putIfSet(tools.jackson.databind.node.ObjectNode node, String field, @Nullable String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    /** A form's refusal, said as the file's other faults are: where, then what. */
    private static <T> T invalidAsArgument(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (org.civic311.common.InvalidInputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** What the database would refuse with a constraint's name, said in the file's own terms instead. */
    private static void check(JurisdictionDefinition city, java.util.Set<String> storedWards) {
        java.util.Set<String> departments = unique(
                "departments", city.departments().stream().map(Department::code).toList());
        java.util.Set<String> people =
                unique("people", city.people().stream().map(Person::key).toList());
        java.util.Set<String> types = unique(
                "serviceTypes",
                city.serviceTypes().stream().map(ServiceType::code).toList());
        java.util.Set<String> wards = new java.util.HashSet<>(storedWards);
        wards.addAll(
                unique("wards", city.wards().stream().map(WardBoundary::code).toList()));
        for (Person person : city.people()) {
            known("people[" + person.key() + "].department", person.departmentCode(), departments);
        }
        if (city.jurisdiction().contactCentre() != null) {
            known("jurisdiction.contactCentre", city.jurisdiction().contactCentre(), departments);
        }
        for (Department department : city.departments()) {
            if (department.managerKey() != null) {
                known("departments[" + department.code() + "].manager", department.managerKey(), people);
            }
        }
        java.util.Set<String> areas = new java.util.HashSet<>();
        java.util.Set<String> retired = city.serviceTypes().stream()
                .filter(type -> !type.active())
                .map(ServiceType::code)
                .collect(java.util.stream.Collectors.toSet());
        for (RoutingRule rule : city.routingRules()) {
            // An area as the console reads it: a type, or all of a department's types, in a ward or everywhere.
            String area = (rule.serviceCode() == null ? "all of " + rule.departmentCode() : rule.serviceCode())
                    + (rule.wardCode() == null ? " everywhere" : " in ward " + rule.wardCode());
            if (!areas.add(area)) {
                // The console refuses a second rule for an area; the file would let the first one win unsaid.
                throw new IllegalArgumentException("routingRules: " + area + " is routed twice");
            }
            if (rule.serviceCode() != null && retired.contains(rule.serviceCode())) {
                throw new IllegalArgumentException(
                        "routingRules: service \"" + rule.serviceCode() + "\" is retired and takes no requests");
            }
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
        java.util.Set<String> answered = new java.util.HashSet<>();
        for (ReplyTemplate template : city.replyTemplates()) {
            String which = (template.serviceCode() == null ? "every type" : template.serviceCode()) + ", "
                    + template.resolution();
            if (!answered.add(which)) {
                throw new IllegalArgumentException("replyTemplates: " + which + " has two ready answers");
            }
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

    /**
     * The working week and holidays. {@code workingHours} is one set of hours for the days it names, or a list of
     * them for days with other hours ({@code [{"days": ["MONDAY", ...], "opens": "08:30", "closes": "16:30"},
     * {"days": ["SATURDAY"], "opens": "09:00", "closes": "12:00"}]}); holidays are ISO days ({@code 2026-12-25}).
     */
    private static BusinessCalendar calendar(JsonNode jurisdiction) {
        JsonNode hours = jurisdiction.path("workingHours");
        Map<LocalDate, String> holidays = new HashMap<>();
        int index = 0;
        for (JsonNode h : jurisdiction.path("holidays")) {
            String where = "holidays[" + index++ + "]";
            fields(h, "day", "name");
            LocalDate day =
                    at(where + ".day", () -> LocalDate.parse(h.required("day").asString()));
            if (holidays.put(day, at(where, () -> h.required("name").asString())) != null) {
                throw new IllegalArgumentException(where + ": " + day + " is a holiday twice");
            }
        }
        if (hours.isMissingNode()) {
            return new BusinessCalendar(BusinessCalendar.weekdays().week(), holidays);
        }
        Map<DayOfWeek, BusinessCalendar.WorkingHours> week = new EnumMap<>(DayOfWeek.class);
        List<JsonNode> sets = new ArrayList<>();
        if (hours.isArray()) {
            hours.forEach(sets::add);
        } else {
            sets.add(hours);
        }
        for (int i = 0; i < sets.size(); i++) {
            JsonNode set = sets.get(i);
            String where = hours.isArray() ? "workingHours[" + i + "]" : "workingHours";
            at(where, () -> fields(set, "days", "opens", "closes"));
            var open = at(
                    where,
                    () -> new BusinessCalendar.WorkingHours(
                            LocalTime.parse(set.required("opens").asString()),
                            LocalTime.parse(set.required("closes").asString())));
            for (JsonNode day : at(where, () -> set.required("days"))) {
                DayOfWeek named = at(where + ".days", () -> DayOfWeek.valueOf(day.asString()));
                if (week.put(named, open) != null) {
                    throw new IllegalArgumentException(where + ": " + named + " has working hours twice");
                }
            }
        }
        return new BusinessCalendar(week, holidays);
    }

    private ServiceType serviceType(String jurisdictionId, JsonNode t, List<Department> departments) {
        fields(
                t,
                "code",
                "name",
                "description",
                "group",
                "department",
                "keywords",
                "type",
                "active",
                "sla",
                "notice",
                "attributes",
                "duplicates",
                "anonymous",
                "privateLocation",
                "staffOnly",
                "photosReviewed");
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
            fields(
                    a,
                    "code",
                    "variable",
                    "datatype",
                    "required",
                    "datatypeDescription",
                    "order",
                    "description",
                    "values");
            List<AttributeValue> values = new ArrayList<>();
            for (JsonNode v : a.path("values")) {
                fields(v, "key", "name");
                values.add(new AttributeValue(
                        v.required("key").asString(), v.required("name").asString()));
            }
            attributes.add(new ServiceAttribute(
                    a.required("code").asString(),
                    flag(a, "variable", null),
                    AttributeDatatype.valueOf(a.required("datatype").asString().toUpperCase(Locale.ROOT)),
                    flag(a, "required", null),
                    text(a, "datatypeDescription"),
                    a.required("order").asInt(),
                    a.required("description").asString(),
                    values,
                    false));
        }
        unique("attributes", attributes.stream().map(ServiceAttribute::code).toList());
        for (ServiceAttribute attribute : attributes) {
            unique(
                    "attributes[" + attribute.code() + "].values",
                    attribute.values().stream().map(AttributeValue::key).toList());
        }
        JsonNode sla = t.required("sla");
        fields(sla, "amount", "unit");
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
                flag(t, "active", true),
                new ServiceLevelTarget(
                        sla.required("amount").asInt(),
                        ServiceLevelTarget.Unit.valueOf(sla.required("unit").asString())),
                text(t, "notice"),
                attributes,
                duplicatePolicy(t.path("duplicates")),
                flag(t, "anonymous", true),
                flag(t, "privateLocation", false),
                flag(t, "staffOnly", false),
                flag(t, "photosReviewed", false));
    }

    /**
     * Reads a city's ward boundaries alone (GeoJSON, as the city file's wards), to replace those it has.
     *
     * @throws org.civic311.common.InvalidInputException naming what in the file is not a ward
     */
    public List<WardBoundary> readWards(InputStream geojson) throws IOException {
        List<WardBoundary> wards;
        try {
            wards = wards(geojson);
        } catch (IllegalArgumentException e) {
            throw new org.civic311.common.InvalidInputException("wards", String.valueOf(e.getMessage()));
        } catch (RuntimeException e) {
            // A part of another shape than GeoJSON gives it (an object where positions belong): said, not a fault.
            throw new org.civic311.common.InvalidInputException(
                    "wards", "the file is not a GeoJSON FeatureCollection of Polygons and MultiPolygons");
        }
        if (wards.isEmpty()) {
            throw new org.civic311.common.InvalidInputException("wards", "the file has no features");
        }
        long positions = wards.stream()
                .flatMap(w -> java.util.stream.Stream.concat(w.outerRings().stream(), w.holes().stream()))
                .mapToLong(List::size)
                .sum();
        if (wards.size() > MAX_WARDS || positions > MAX_POSITIONS) {
            throw new org.civic311.common.InvalidInputException(
                    "wards",
                    "has " + wards.size() + " wards and " + positions + " positions; at most " + MAX_WARDS + " and "
                            + MAX_POSITIONS + " are taken (simplify the boundaries)");
        }
        return wards;
    }

    /** The ward file given with a city's catalogue, checked as one uploaded in the console is (not empty, not huge). */
    private List<WardBoundary> checked(InputStream wards) throws IOException {
        try {
            return readWards(wards);
        } catch (org.civic311.common.InvalidInputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** More than any city's wards; Toronto's 25 hold about 60,000 positions. */
    static final int MAX_WARDS = 1_000;

    static final long MAX_POSITIONS = 1_000_000;

    /** GeoJSON features with Polygon or MultiPolygon geometries; the first ring of a polygon is its outline. */
    private List<WardBoundary> wards(InputStream geojson) throws IOException {
        List<WardBoundary> wards = new ArrayList<>();
        JsonNode features = at("wards", () -> json.readTree(geojson).required("features"));
        for (JsonNode feature : features) {
            wards.add(at("wards: feature " + (wards.size() + 1), () -> ward(feature)));
        }
        return wards;
    }

    private static WardBoundary ward(JsonNode feature) {
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
                for (JsonNode p : polygon.get(ring)) {
                    if (p.size() < 2
                            || !p.get(0).isNumber()
                            || !p.get(1).isNumber()
                            || Math.abs(p.get(0).asDouble()) > 180
                            || Math.abs(p.get(1).asDouble()) > 90) {
                        throw new IllegalArgumentException("a position is not [longitude, latitude]: " + p);
                    }
                    positions.add(new WardBoundary.Position(
                            p.get(0).asDouble(), p.get(1).asDouble()));
                }
                if (positions.size() < 4) {
                    throw new IllegalArgumentException("a ring has fewer than the four positions of a polygon");
                }
                (ring == 0 ? outer : holes).add(positions);
            }
        }
        return new WardBoundary(
                property(properties, "code", "AREA_SHORT_CODE"),
                property(properties, "name", "AREA_NAME"),
                outer,
                holes);
    }

    /** Reads a part of the file, naming where a fault lies and what it is, in the file's own terms. */
    private static <T> T at(String where, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException | java.time.DateTimeException | tools.jackson.core.JacksonException e) {
            String message = String.valueOf(e.getMessage())
                    .replaceAll("No enum constant org\\.civic311\\.catalog\\.(\\w+)\\.", "no such $1: ")
                    .replaceAll("No value for property '(\\w+)'.*", "\"$1\" is missing")
                    .replaceAll("(?s)\\s*at \\[Source.*", "");
            throw new IllegalArgumentException(where + ": " + message, e);
        }
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
        fields(policy, "duplicateRadiusMetres", "repeatThreshold", "repeatWindowDays", "repeatRadiusMetres");
        DuplicatePolicy standard = DuplicatePolicy.STANDARD;
        return new DuplicatePolicy(
                policy.path("duplicateRadiusMetres").asInt(standard.duplicateRadiusMetres()),
                policy.path("repeatThreshold").asInt(standard.repeatThreshold()),
                policy.path("repeatWindowDays").asInt(standard.repeatWindowDays()),
                policy.path("repeatRadiusMetres").asInt(standard.repeatRadiusMetres()));
    }

    /**
     * Refuses a field the file format does not have: a misspelt {@code "private_location"} would otherwise leave a
     * home's type publishing exact places, with nothing said. Fields whose names begin with {@code _} are comments.
     */
    private static boolean fields(JsonNode node, String... known) {
        java.util.Set<String> names = java.util.Set.of(known);
        for (String name : node.propertyNames()) {
            if (!names.contains(name) && !name.startsWith("_")) {
                throw new IllegalArgumentException(
                        "unknown field \"" + name + "\" (the fields here are " + String.join(", ", known) + ")");
            }
        }
        return true;
    }

    /** A true or false field, refused when it holds anything else ("yes", 1); absent, its default, or required. */
    private static boolean flag(JsonNode node, String field, @Nullable Boolean absent) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            if (absent == null) {
                throw new IllegalArgumentException("\"" + field + "\" is missing");
            }
            return absent;
        }
        if (!value.isBoolean()) {
            throw new IllegalArgumentException("\"" + field + "\" must be true or false, not " + value);
        }
        return value.booleanValue();
    }

    private static String orEmpty(@Nullable String text) {
        return text == null ? "" : text;
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }
}
