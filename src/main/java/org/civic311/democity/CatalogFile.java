package org.civic311.democity;

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
import org.civic311.catalog.AttributeDatatype;
import org.civic311.catalog.AttributeValue;
import org.civic311.catalog.BusinessCalendar;
import org.civic311.catalog.Department;
import org.civic311.catalog.Dispatch;
import org.civic311.catalog.DuplicatePolicy;
import org.civic311.catalog.Jurisdiction;
import org.civic311.catalog.JurisdictionDefinition;
import org.civic311.catalog.Person;
import org.civic311.catalog.PersonRole;
import org.civic311.catalog.ReplyTemplate;
import org.civic311.catalog.RequestStatus;
import org.civic311.catalog.Resolution;
import org.civic311.catalog.RoutingRule;
import org.civic311.catalog.ServiceAttribute;
import org.civic311.catalog.ServiceDelivery;
import org.civic311.catalog.ServiceLevelTarget;
import org.civic311.catalog.ServiceType;
import org.civic311.catalog.WardBoundary;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a city's catalogue file and its GeoJSON ward boundaries into a jurisdiction definition. */
final class CatalogFile {

    private final JsonMapper json;

    CatalogFile(JsonMapper json) {
        this.json = json;
    }

    JurisdictionDefinition read(InputStream catalog, InputStream wards) throws IOException {
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
        return new JurisdictionDefinition(jurisdiction, departments, people, types, wards(wards), rules, templates);
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
                    properties.required("AREA_SHORT_CODE").asString(),
                    properties.required("AREA_NAME").asString(),
                    outer,
                    holes));
        }
        return wards;
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
