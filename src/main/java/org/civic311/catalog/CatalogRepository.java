package org.civic311.catalog;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.civic311.common.InvalidInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CatalogRepository {

    private final JdbcClient jdbc;
    private final java.time.Clock clock;

    private final RequestHistory requests;

    CatalogRepository(JdbcClient jdbc, java.time.Clock clock, RequestHistory requests) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.requests = requests;
    }

    /**
     * What saving an entry did. An entry is added only where its code is free: one already there is {@code KEPT} as
     * it was, unless the save replaces it.
     */
    enum Saved {
        ADDED,
        CHANGED,
        KEPT;

        /** From the {@code returning xmax = 0} of an upsert whose update may be skipped: no row means kept. */
        static Saved of(Optional<Boolean> inserted) {
            return inserted.map(added -> added ? ADDED : CHANGED).orElse(KEPT);
        }
    }

    List<Jurisdiction> jurisdictions() {
        Map<String, List<RequestStatus>> statuses = new LinkedHashMap<>();
        jdbc.sql(
                        "select jurisdiction_id, code, name, closed, initial from request_status order by jurisdiction_id, position")
                .query(rs -> {
                    statuses.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new RequestStatus(
                                    rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getBoolean(5)));
                });
        Map<String, Map<DayOfWeek, BusinessCalendar.WorkingHours>> weeks = new HashMap<>();
        jdbc.sql("select jurisdiction_id, day_of_week, opens, closes from working_hours")
                .query(rs -> {
                    weeks.computeIfAbsent(rs.getString(1), k -> new EnumMap<>(DayOfWeek.class))
                            .put(
                                    DayOfWeek.of(rs.getInt(2)),
                                    new BusinessCalendar.WorkingHours(
                                            rs.getTime(3).toLocalTime(),
                                            rs.getTime(4).toLocalTime()));
                });
        Map<String, Map<LocalDate, String>> holidays = new HashMap<>();
        jdbc.sql("select jurisdiction_id, day, name from holiday").query(rs -> {
            holidays.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                    .put(rs.getDate(2).toLocalDate(), rs.getString(3));
        });
        return jdbc.sql("select id, name, time_zone, contact, contact_centre from jurisdiction order by id")
                .query((rs, n) -> {
                    String id = rs.getString("id");
                    BusinessCalendar calendar = weeks.containsKey(id)
                            ? new BusinessCalendar(weeks.get(id), holidays.getOrDefault(id, Map.of()))
                            : BusinessCalendar.weekdays();
                    return new Jurisdiction(
                            id,
                            rs.getString("name"),
                            ZoneId.of(rs.getString("time_zone")),
                            rs.getString("contact"),
                            rs.getString("contact_centre"),
                            statuses.getOrDefault(id, List.of()),
                            calendar);
                })
                .list();
    }

    List<Department> departments(String jurisdictionId) {
        return jdbc.sql(
                        """
                        select jurisdiction_id, code, name, email, phone, manager_key
                        from department where jurisdiction_id = :j order by name""")
                .param("j", jurisdictionId)
                .query(Department.class)
                .list();
    }

    Optional<Department> department(String jurisdictionId, String code) {
        return departments(jurisdictionId).stream()
                .filter(d -> d.code().equals(code))
                .findFirst();
    }

    List<Person> people(String jurisdictionId) {
        return jdbc.sql(
                        """
                        select jurisdiction_id, key, name, title, department_code, role, phone, email
                        from person where jurisdiction_id = :j order by department_code, role, name""")
                .param("j", jurisdictionId)
                .query((rs, n) -> new Person(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        PersonRole.valueOf(rs.getString(6)),
                        rs.getString(7),
                        rs.getString(8)))
                .list();
    }

    /** Every service type of a jurisdiction with its questions, in three queries; the catalogue remembers them. */
    List<ServiceType> serviceTypes(String jurisdictionId) {
        Map<String, List<AttributeValue>> values = new LinkedHashMap<>();
        jdbc.sql("select service_code, attribute_code, key, name from service_attribute_value"
                        + " where jurisdiction_id = :j order by service_code, attribute_code, position")
                .param("j", jurisdictionId)
                .query(rs -> {
                    values.computeIfAbsent(rs.getString(1) + "\u0000" + rs.getString(2), k -> new ArrayList<>())
                            .add(new AttributeValue(rs.getString(3), rs.getString(4)));
                });
        Map<String, List<ServiceAttribute>> attributes = new LinkedHashMap<>();
        jdbc.sql("select service_code, code, variable, datatype, required, datatype_description, position,"
                        + " description, retired from service_attribute where jurisdiction_id = :j"
                        + " order by service_code, position")
                .param("j", jurisdictionId)
                .query(rs -> {
                    String service = rs.getString(1);
                    String code = rs.getString(2);
                    attributes
                            .computeIfAbsent(service, k -> new ArrayList<>())
                            .add(new ServiceAttribute(
                                    code,
                                    rs.getBoolean(3),
                                    AttributeDatatype.valueOf(rs.getString(4)),
                                    rs.getBoolean(5),
                                    rs.getString(6),
                                    rs.getInt(7),
                                    rs.getString(8),
                                    values.getOrDefault(service + "\u0000" + code, List.of()),
                                    rs.getBoolean(9)));
                });
        return jdbc.sql(
                        """
                        select t.jurisdiction_id, t.code, t.name, t.description, t.group_name, t.department_code,
                               d.name as agency_name, t.keywords, t.delivery, t.active, t.sla_amount, t.sla_unit,
                               t.notice, t.duplicate_radius_m, t.repeat_threshold, t.repeat_window_days,
                               t.repeat_radius_m, t.anonymous_allowed, t.private_location, t.staff_only,
                               t.photos_reviewed
                        from service_type t
                        join department d on d.jurisdiction_id = t.jurisdiction_id and d.code = t.department_code
                        where t.jurisdiction_id = :j order by t.position, t.code""")
                .param("j", jurisdictionId)
                .query((rs, n) -> new ServiceType(
                        rs.getString("jurisdiction_id"),
                        rs.getString("code"),
                        rs.getString("name"),
                        rs.getString("description"),
                        rs.getString("group_name"),
                        rs.getString("department_code"),
                        rs.getString("agency_name"),
                        strings(rs, "keywords"),
                        ServiceDelivery.valueOf(rs.getString("delivery")),
                        rs.getBoolean("active"),
                        new ServiceLevelTarget(
                                rs.getInt("sla_amount"), ServiceLevelTarget.Unit.valueOf(rs.getString("sla_unit"))),
                        rs.getString("notice"),
                        attributes.getOrDefault(rs.getString("code"), List.of()),
                        new DuplicatePolicy(
                                rs.getInt("duplicate_radius_m"),
                                rs.getInt("repeat_threshold"),
                                rs.getInt("repeat_window_days"),
                                rs.getInt("repeat_radius_m")),
                        rs.getBoolean("anonymous_allowed"),
                        rs.getBoolean("private_location"),
                        rs.getBoolean("staff_only"),
                        rs.getBoolean("photos_reviewed")))
                .list();
    }

    private static List<String> strings(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    List<Ward> wards(String jurisdictionId) {
        return jdbc.sql("select jurisdiction_id, code, name from ward where jurisdiction_id = :j order by code")
                .param("j", jurisdictionId)
                .query(Ward.class)
                .list();
    }

    WardMap wardMap(String jurisdictionId) {
        return new WardMap(
                jdbc.sql("select ward_code, hole, outline::text from ward_outline where jurisdiction_id = :j")
                        .param("j", jurisdictionId)
                        .query((rs, n) -> WardMap.ring(rs.getString(1), rs.getBoolean(2), rs.getString(3)))
                        .list());
    }

    /** The code of the type whose code or name is this, ignoring case. */
    Optional<String> serviceTypeCalled(String jurisdictionId, String kind) {
        return jdbc.sql(
                        """
                        select code from service_type
                        where jurisdiction_id = :j and (lower(code) = lower(:kind) or lower(name) = lower(:kind))
                        order by (code = :kind) desc, active desc limit 1""")
                .param("j", jurisdictionId)
                .param("kind", kind)
                .query(String.class)
                .optional();
    }

    Optional<String> departmentCalled(String jurisdictionId, String name) {
        return jdbc.sql("select code from department where jurisdiction_id = :j and lower(name) = lower(:name) limit 1")
                .param("j", jurisdictionId)
                .param("name", name)
                .query(String.class)
                .optional();
    }

    /** A department named as an archive names it; its code is the next free "IMP-n". */
    String insertImportedDepartment(String jurisdictionId, String name) {
        return jdbc.sql(
                        """
                        insert into department (jurisdiction_id, code, name)
                        values (:j, 'IMP-' || (select coalesce(max(substring(code from 5)::int), 0) + 1 from department
                                              where jurisdiction_id = :j and code ~ '^IMP-[0-9]+$'),
                            :name)
                        returning code""")
                .param("j", jurisdictionId)
                .param("name", name)
                .query(String.class)
                .single();
    }

    /** A retired service type standing for a kind of request only an archive knows. */
    void insertImportedServiceType(String jurisdictionId, String code, String name, String departmentCode) {
        jdbc.sql(
                        """
                        insert into service_type (jurisdiction_id, code, name, description, group_name, department_code,
                            keywords, delivery, active, sla_amount, sla_unit, position)
                        values (:j, :code, :name, 'Loaded from an archive of another system.', :group, :department,
                            '{}', 'REALTIME', false, 10, 'BUSINESS_DAYS',
                            (select coalesce(max(position), 0) + 1 from service_type where jurisdiction_id = :j))
                        on conflict do nothing""")
                .param("j", jurisdictionId)
                .param("code", code)
                .param("name", name)
                .param("group", Catalog.IMPORTED_GROUP)
                .param("department", departmentCode)
                .update();
    }

    void insert(JurisdictionDefinition definition) {
        Jurisdiction j = definition.jurisdiction();
        jdbc.sql("insert into jurisdiction (id, name, time_zone, contact, contact_centre)"
                        + " values (:id, :name, :zone, :contact, :contactCentre)")
                .param("id", j.id())
                .param("name", j.name())
                .param("zone", j.timeZone().getId())
                .param("contact", j.contact())
                .param("contactCentre", j.contactCentre())
                .update();
        // A new jurisdiction is an update of an empty one.
        update(definition);
    }

    private void insertTemplates(String jurisdictionId, List<ReplyTemplate> templates) {
        for (ReplyTemplate template : templates) {
            jdbc.sql(
                            """
                            insert into reply_template (jurisdiction_id, service_code, resolution, text)
                            values (:j, :service, :resolution, :text)""")
                    .param("j", jurisdictionId)
                    .param("service", template.serviceCode())
                    .param("resolution", template.resolution().name())
                    .param("text", template.text())
                    .update();
        }
    }

    private void insertCalendar(Jurisdiction j) {
        insertWeek(j.id(), j.calendar().week());
        j.calendar().holidays().forEach((day, name) -> saveHoliday(j.id(), day, name));
    }

    private void insertWeek(String jurisdictionId, Map<DayOfWeek, BusinessCalendar.WorkingHours> week) {
        week.forEach((day, hours) -> jdbc.sql(
                        """
                        insert into working_hours (jurisdiction_id, day_of_week, opens, closes)
                        values (:j, :day, :opens, :closes)""")
                .param("j", jurisdictionId)
                .param("day", day.getValue())
                .param("opens", java.sql.Time.valueOf(hours.opens()))
                .param("closes", java.sql.Time.valueOf(hours.closes()))
                .update());
    }

    /** The working week becomes this one: a day left out is closed. */
    void replaceWeek(String jurisdictionId, Map<DayOfWeek, BusinessCalendar.WorkingHours> week) {
        jdbc.sql("delete from working_hours where jurisdiction_id = :j")
                .param("j", jurisdictionId)
                .update();
        insertWeek(jurisdictionId, week);
    }

    /** Adds a holiday, or renames the one of that day. */
    void saveHoliday(String jurisdictionId, LocalDate day, String name) {
        jdbc.sql(
                        """
                        insert into holiday (jurisdiction_id, day, name) values (:j, :day, :name)
                        on conflict (jurisdiction_id, day) do update set name = excluded.name""")
                .param("j", jurisdictionId)
                .param("day", java.sql.Date.valueOf(day))
                .param("name", name)
                .update();
    }

    /** Whether there was a holiday that day to remove. */
    boolean deleteHoliday(String jurisdictionId, LocalDate day) {
        return jdbc.sql("delete from holiday where jurisdiction_id = :j and day = :day")
                        .param("j", jurisdictionId)
                        .param("day", java.sql.Date.valueOf(day))
                        .update()
                > 0;
    }

    /** The calendar as it is in the table now, not as the catalogue last read it. */
    BusinessCalendar calendar(String jurisdictionId) {
        return jurisdictions().stream()
                .filter(j -> j.id().equals(jurisdictionId))
                .findFirst()
                .orElseThrow()
                .calendar();
    }

    /**
     * Brings a defined jurisdiction's catalogue to a new definition of it. Types, departments, people, statuses and
     * wards are added or changed; a type left out is retired; the calendar, routing rules and reply templates are
     * replaced. Nothing else is deleted: requests, accounts and history may name it.
     *
     * @return the codes of the types added and of those retired
     */
    Catalog.Update update(JurisdictionDefinition definition) {
        Jurisdiction j = definition.jurisdiction();
        String id = j.id();
        jdbc.sql("update jurisdiction set name = :name, time_zone = :zone, contact = :contact,"
                        + " contact_centre = :contactCentre where id = :id")
                .param("id", id)
                .param("name", j.name())
                .param("zone", j.timeZone().getId())
                .param("contact", j.contact())
                .param("contactCentre", j.contactCentre())
                .update();
        // An endpoint's key typed into the console is not in the version-controlled file: a rule to the same endpoint
        // that gives none keeps it, rather than posting without a key from then on.
        Map<String, String> keys = new HashMap<>();
        jdbc.sql(
                        """
                        select endpoint, api_key from routing_rule
                        where jurisdiction_id = :j and dispatch = 'OPEN311' and api_key <> ''""")
                .param("j", id)
                .query((rs, n) -> keys.put(rs.getString(1), rs.getString(2)))
                .list();
        for (String table : List.of("working_hours", "holiday", "routing_rule", "reply_template")) {
            jdbc.sql("delete from " + table + " where jurisdiction_id = :j")
                    .param("j", id)
                    .update();
        }
        insertCalendar(j);
        checkStatusesKeepTheirRequests(j);
        // The new initial status is marked after the old one is unmarked.
        jdbc.sql("update request_status set initial = false where jurisdiction_id = :j")
                .param("j", id)
                .update();
        int position = 0;
        for (RequestStatus status : j.statuses()) {
            jdbc.sql(
                            """
                            insert into request_status (jurisdiction_id, code, name, closed, initial, position)
                            values (:j, :code, :name, :closed, :initial, :position)
                            on conflict (jurisdiction_id, code) do update set name = excluded.name,
                                closed = excluded.closed, initial = excluded.initial, position = excluded.position""")
                    .param("j", id)
                    .param("code", status.code())
                    .param("name", status.name())
                    .param("closed", status.closed())
                    .param("initial", status.initial())
                    .param("position", position++)
                    .update();
        }
        // A status no request is in may go; checkStatusesKeepTheirRequests refused the update for any other.
        deleteAllBut("request_status", "code", id, j.statuses().stream().map(RequestStatus::code));
        definition.departments().forEach(d -> saveDepartment(d, true));
        definition.people().forEach(p -> savePerson(p, true));
        // Someone left out has left: no rule or escalation finds them again (past ones keep their key).
        deleteAllBut("person", "key", id, definition.people().stream().map(Person::key));
        List<String> added = new java.util.ArrayList<>();
        position = 0;
        for (ServiceType t : definition.serviceTypes()) {
            if (upsertServiceType(id, t, position++, true) == Saved.ADDED) {
                added.add(t.code());
            }
        }
        List<String> retired = jdbc.sql(
                        """
                        update service_type set active = false
                        where jurisdiction_id = :j and active and code <> all(:codes)
                        returning code""")
                .param("j", id)
                .param(
                        "codes",
                        definition.serviceTypes().stream()
                                .map(ServiceType::code)
                                .toArray(String[]::new))
                .query(String.class)
                .list();
        if (!definition.wards().isEmpty()) {
            replaceWards(id, definition.wards());
        }
        for (RoutingRule rule : definition.routingRules()) {
            insertRule(
                    id,
                    rule.dispatch() instanceof Dispatch.Open311 open311
                                    && open311.apiKey().isEmpty()
                                    && keys.containsKey(open311.endpoint())
                            ? new RoutingRule(
                                    rule.serviceCode(),
                                    rule.wardCode(),
                                    rule.departmentCode(),
                                    new Dispatch.Open311(
                                            open311.endpoint(), keys.get(open311.endpoint()), open311.serviceCode()),
                                    rule.supervisorKey())
                            : rule);
        }
        insertTemplates(id, definition.replyTemplates());
        return new Catalog.Update(List.copyOf(added), retired);
    }

    /**
     * New boundaries: each ward given is added or redrawn; a ward left out no longer places reports (its row stays, so
     * requests and routing rules keep its code).
     */
    void replaceWards(String id, List<WardBoundary> wards) {
        deleteAllBut("ward_outline", "ward_code", id, wards.stream().map(WardBoundary::code));
        for (WardBoundary w : wards) {
            jdbc.sql(
                            """
                            insert into ward (jurisdiction_id, code, name) values (:j, :code, :name)
                            on conflict (jurisdiction_id, code) do update set name = excluded.name""")
                    .param("j", id)
                    .param("code", w.code())
                    .param("name", w.name())
                    .update();
            jdbc.sql("delete from ward_outline where jurisdiction_id = :j and ward_code = :code")
                    .param("j", id)
                    .param("code", w.code())
                    .update();
            insertRings(id, w.code(), w.outerRings(), false);
            insertRings(id, w.code(), w.holes(), true);
        }
    }

    /** The codes of the jurisdiction's wards that have a boundary: those that place reports. */
    java.util.Set<String> mappedWards(String id) {
        return new java.util.HashSet<>(
                jdbc.sql("select distinct ward_code from ward_outline where jurisdiction_id = :j")
                        .param("j", id)
                        .query(String.class)
                        .list());
    }

    /** Deletes the jurisdiction's rows of a table whose column holds none of the values kept. */
    private void deleteAllBut(
            String table, String column, String jurisdictionId, java.util.stream.Stream<String> kept) {
        jdbc.sql("delete from " + table + " where jurisdiction_id = :j and " + column + " <> all(:kept)")
                .param("j", jurisdictionId)
                .param("kept", kept.toArray(String[]::new))
                .update();
    }

    /**
     * Requests copy whether their status is closed, and queues and service level targets read that copy: a status
     * requests are in may not change between open and closed, nor be left out.
     */
    private void checkStatusesKeepTheirRequests(Jurisdiction j) {
        Map<String, Boolean> closed =
                j.statuses().stream().collect(Collectors.toMap(RequestStatus::code, RequestStatus::closed));
        for (RequestHistory.StatusInUse used : requests.statusesInUse(j.id())) {
            String code = used.statusCode();
            if (!closed.containsKey(code)) {
                throw new InvalidInputException(
                        "statuses",
                        "\"" + code + "\" is left out, but " + used.requests()
                                + " requests are in it; keep it in the file");
            }
            if (closed.get(code) != used.closed()) {
                throw new InvalidInputException(
                        "statuses",
                        "\"" + code + "\" would change between open and closed while " + used.requests()
                                + " requests are in it; add a new status instead");
            }
        }
    }

    Optional<ServiceType> serviceType(String jurisdictionId, String code) {
        return serviceTypes(jurisdictionId).stream()
                .filter(type -> type.code().equals(code))
                .findFirst();
    }

    int replaceManager(String jurisdictionId, String from, String to) {
        return jdbc.sql("update department set manager_key = :to where jurisdiction_id = :j and manager_key = :from")
                .param("j", jurisdictionId)
                .param("from", from)
                .param("to", to)
                .update();
    }

    int replaceRuleSupervisor(String jurisdictionId, String from, String to) {
        return jdbc.sql(
                        "update routing_rule set supervisor_key = :to where jurisdiction_id = :j and supervisor_key = :from")
                .param("j", jurisdictionId)
                .param("from", from)
                .param("to", to)
                .update();
    }

    int rulesSupervisedBy(String jurisdictionId, String key) {
        return jdbc.sql("select count(*) from routing_rule where jurisdiction_id = :j and supervisor_key = :key")
                .param("j", jurisdictionId)
                .param("key", key)
                .query(Integer.class)
                .single();
    }

    /**
     * Locks a department's row until the transaction ends: to remove it, or, shared, to name it (a rule's target)
     * without its being removed meanwhile; whether there is one.
     */
    boolean lockDepartment(String jurisdictionId, String code, boolean shared) {
        return jdbc.sql("select 1 from department where jurisdiction_id = :j and code = :code for "
                        + (shared ? "key share" : "update"))
                .param("j", jurisdictionId)
                .param("code", code)
                .query(Integer.class)
                .optional()
                .isPresent();
    }

    /** How many of the catalogue's own entries name a department: its types (retired too), people and routing rules. */
    record DepartmentEntries(int types, int people, int rules) {}

    DepartmentEntries entriesOf(String jurisdictionId, String code) {
        return jdbc.sql(
                        """
                        select (select count(*) from service_type where jurisdiction_id = :j and department_code = :d),
                               (select count(*) from person where jurisdiction_id = :j and department_code = :d),
                               (select count(*) from routing_rule where jurisdiction_id = :j and department_code = :d)""")
                .param("j", jurisdictionId)
                .param("d", code)
                .query((rs, n) -> new DepartmentEntries(rs.getInt(1), rs.getInt(2), rs.getInt(3)))
                .single();
    }

    void deleteDepartment(String jurisdictionId, String code) {
        jdbc.sql("delete from department where jurisdiction_id = :j and code = :code")
                .param("j", jurisdictionId)
                .param("code", code)
                .update();
    }

    void deletePerson(String jurisdictionId, String key) {
        jdbc.sql("delete from person where jurisdiction_id = :j and key = :key")
                .param("j", jurisdictionId)
                .param("key", key)
                .update();
    }

    /**
     * Locks a person's entry until the transaction ends: to change (remove) it, or, shared, to name it; whether
     * there is one.
     */
    boolean lockPerson(String jurisdictionId, String key, boolean shared) {
        return jdbc.sql("select 1 from person where jurisdiction_id = :j and key = :key for "
                        + (shared ? "share" : "update"))
                .param("j", jurisdictionId)
                .param("key", key)
                .query(Integer.class)
                .optional()
                .isPresent();
    }

    /** Serialises changes to a jurisdiction's calendar, which replace rows another change may be writing. */
    void lockJurisdiction(String jurisdictionId) {
        jdbc.sql("select 1 from jurisdiction where id = :j for update")
                .param("j", jurisdictionId)
                .query(Integer.class)
                .optional();
    }

    /** Locks a service type's row until the transaction ends; whether there is one. */
    boolean lockServiceType(String jurisdictionId, String code) {
        return jdbc.sql("select 1 from service_type where jurisdiction_id = :j and code = :code for update")
                .param("j", jurisdictionId)
                .param("code", code)
                .query(Integer.class)
                .optional()
                .isPresent();
    }

    /**
     * Adds a service type at the end of the catalogue, or changes one where it stands.
     *
     * @param replace whether a type already there with its code is changed, or kept as it was
     */
    Saved saveServiceType(String jurisdictionId, ServiceType type, boolean replace) {
        int position = jdbc.sql(
                        """
                        select coalesce(
                            (select position from service_type where jurisdiction_id = :j and code = :code),
                            (select coalesce(max(position), 0) + 1 from service_type where jurisdiction_id = :j))""")
                .param("j", jurisdictionId)
                .param("code", type.code())
                .query(Integer.class)
                .single();
        return upsertServiceType(jurisdictionId, type, position, replace);
    }

    void recordChange(
            String jurisdictionId, CatalogEditor.EntryKind kind, String subject, String actor, String change) {
        jdbc.sql(
                        """
                        insert into catalogue_change (jurisdiction_id, kind, subject, at, actor, change)
                        values (:j, :kind, :subject, :at, :actor, :change)""")
                .param("at", java.sql.Timestamp.from(clock.instant()))
                .param("j", jurisdictionId)
                .param("kind", kind.name())
                .param("subject", subject)
                .param("actor", actor)
                .param("change", change)
                .update();
    }

    List<CatalogEditor.CatalogueChange> changes(
            String jurisdictionId, CatalogEditor.@Nullable EntryKind kind, @Nullable String subject, int limit) {
        return jdbc.sql(
                        """
                        select at, kind, subject, actor, change from catalogue_change
                        where jurisdiction_id = :j and (cast(:kind as text) is null or kind = :kind)
                            and (cast(:subject as text) is null or subject = :subject)
                        order by at desc, id desc limit :limit""")
                .param("j", jurisdictionId)
                .param("kind", kind == null ? null : kind.name())
                .param("subject", subject)
                .param("limit", limit)
                .query((rs, n) -> new CatalogEditor.CatalogueChange(
                        rs.getTimestamp(1).toInstant(),
                        CatalogEditor.EntryKind.valueOf(rs.getString(2)),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5)))
                .list();
    }

    /** Adds a department, or changes it when {@code replace}. */
    Saved saveDepartment(Department d, boolean replace) {
        return Saved.of(jdbc.sql(
                        """
                        insert into department (jurisdiction_id, code, name, email, phone, manager_key)
                        values (:j, :code, :name, :email, :phone, :manager)
                        on conflict (jurisdiction_id, code) do update set name = excluded.name,
                            email = excluded.email, phone = excluded.phone, manager_key = excluded.manager_key
                        where cast(:replace as boolean)
                        returning xmax = 0""")
                .param("replace", replace)
                .param("j", d.jurisdictionId())
                .param("code", d.code())
                .param("name", d.name())
                .param("email", d.email())
                .param("phone", d.phone())
                .param("manager", d.managerKey())
                .query(Boolean.class)
                .optional());
    }

    /** Adds someone to the directory, or changes their entry when {@code replace}. */
    Saved savePerson(Person p, boolean replace) {
        return Saved.of(jdbc.sql(
                        """
                        insert into person (jurisdiction_id, key, name, title, department_code, role, phone, email)
                        values (:j, :key, :name, :title, :department, :role, :phone, :email)
                        on conflict (jurisdiction_id, key) do update set name = excluded.name,
                            title = excluded.title, department_code = excluded.department_code,
                            role = excluded.role, phone = excluded.phone, email = excluded.email
                        where cast(:replace as boolean)
                        returning xmax = 0""")
                .param("replace", replace)
                .param("j", p.jurisdictionId())
                .param("key", p.key())
                .param("name", p.name())
                .param("title", p.title())
                .param("department", p.departmentCode())
                .param("role", p.role().name())
                .param("phone", p.phone())
                .param("email", p.email())
                .query(Boolean.class)
                .optional());
    }

    /** Adds a service type, or changes it and its questions when {@code replace}. */
    private Saved upsertServiceType(String jurisdictionId, ServiceType t, int position, boolean replace) {
        Saved saved = Saved.of(jdbc.sql(
                        """
                        insert into service_type (jurisdiction_id, code, name, description, group_name, department_code,
                            keywords, delivery, active, sla_amount, sla_unit, notice, position, duplicate_radius_m,
                            repeat_threshold, repeat_window_days, repeat_radius_m, anonymous_allowed, private_location,
                            staff_only, photos_reviewed)
                        values (:j, :code, :name, :description, :group, :department, :keywords, :delivery, :active,
                            :slaAmount, :slaUnit, :notice, :position, :duplicateRadius, :repeatThreshold,
                            :repeatWindow, :repeatRadius, :anonymousAllowed, :privateLocation, :staffOnly, :photosReviewed)
                        on conflict (jurisdiction_id, code) do update set name = excluded.name,
                            description = excluded.description, group_name = excluded.group_name,
                            department_code = excluded.department_code, keywords = excluded.keywords,
                            delivery = excluded.delivery, active = excluded.active, sla_amount = excluded.sla_amount,
                            sla_unit = excluded.sla_unit, notice = excluded.notice, position = excluded.position,
                            duplicate_radius_m = excluded.duplicate_radius_m,
                            repeat_threshold = excluded.repeat_threshold,
                            repeat_window_days = excluded.repeat_window_days,
                            repeat_radius_m = excluded.repeat_radius_m,
                            anonymous_allowed = excluded.anonymous_allowed,
                            private_location = excluded.private_location, staff_only = excluded.staff_only,
                            photos_reviewed = excluded.photos_reviewed
                        where cast(:replace as boolean)
                        returning xmax = 0""")
                .param("replace", replace)
                .param("anonymousAllowed", t.anonymousAllowed())
                .param("privateLocation", t.privateLocation())
                .param("staffOnly", t.staffOnly())
                .param("photosReviewed", t.photosReviewed())
                .param("duplicateRadius", t.duplicates().duplicateRadiusMetres())
                .param("repeatThreshold", t.duplicates().repeatThreshold())
                .param("repeatWindow", t.duplicates().repeatWindowDays())
                .param("repeatRadius", t.duplicates().repeatRadiusMetres())
                .param("j", jurisdictionId)
                .param("code", t.code())
                .param("name", t.name())
                .param("description", t.description())
                .param("group", t.group())
                .param("department", t.departmentCode())
                .param("keywords", t.keywords().toArray(String[]::new))
                .param("delivery", t.delivery().name())
                .param("active", t.active())
                .param("slaAmount", t.target().amount())
                .param("slaUnit", t.target().unit().name())
                .param("notice", t.notice())
                .param("position", position)
                .query(Boolean.class)
                .optional());
        if (saved == Saved.KEPT) {
            return saved;
        }
        saveQuestions(jurisdictionId, t);
        return saved;
    }

    /** Whether any request of the type, imported history included, holds an answer to the question. */
    boolean answered(String jurisdictionId, String typeCode, String questionCode) {
        return requests.answered(jurisdictionId, typeCode, questionCode);
    }

    void deleteQuestion(String jurisdictionId, String typeCode, String questionCode) {
        for (String table : List.of("service_attribute_value", "service_attribute")) {
            jdbc.sql("delete from " + table + " where jurisdiction_id = :j and service_code = :type and "
                            + (table.equals("service_attribute") ? "code" : "attribute_code") + " = :code")
                    .param("j", jurisdictionId)
                    .param("type", typeCode)
                    .param("code", questionCode)
                    .update();
        }
    }

    /**
     * Makes a type's questions those given. A question left out is retired, never deleted, whether an administrator
     * stopped asking it or the city file no longer lists it: requests' answers keep its wording and choices, and its
     * code is not given to another question.
     */
    private void saveQuestions(String jurisdictionId, ServiceType t) {
        String[] codes = t.attributes().stream().map(ServiceAttribute::code).toArray(String[]::new);
        jdbc.sql("update service_attribute set retired = true where jurisdiction_id = :j and service_code = :code"
                        + " and code <> all(:codes) and not retired")
                .param("j", jurisdictionId)
                .param("code", t.code())
                .param("codes", codes)
                .update();
        jdbc.sql("delete from service_attribute_value where jurisdiction_id = :j and service_code = :code"
                        + " and attribute_code = any(:codes)")
                .param("j", jurisdictionId)
                .param("code", t.code())
                .param("codes", codes)
                .update();
        for (ServiceAttribute a : t.attributes()) {
            jdbc.sql(
                            """
                            insert into service_attribute (jurisdiction_id, service_code, code, variable, datatype,
                                required, datatype_description, position, description, retired)
                            values (:j, :service, :code, :variable, :datatype, :required, :datatypeDescription,
                                :position, :description, :retired)
                            on conflict (jurisdiction_id, service_code, code) do update set
                                variable = excluded.variable, datatype = excluded.datatype,
                                required = excluded.required, datatype_description = excluded.datatype_description,
                                position = excluded.position, description = excluded.description,
                                retired = excluded.retired""")
                    .param("j", jurisdictionId)
                    .param("service", t.code())
                    .param("code", a.code())
                    .param("variable", a.variable())
                    .param("datatype", a.datatype().name())
                    .param("required", a.required())
                    .param("datatypeDescription", a.datatypeDescription())
                    .param("position", a.order())
                    .param("description", a.description())
                    .param("retired", a.retired())
                    .update();
            int valuePosition = 0;
            for (AttributeValue v : a.values()) {
                jdbc.sql(
                                """
                                insert into service_attribute_value (jurisdiction_id, service_code, attribute_code, key,
                                    name, position)
                                values (:j, :service, :attribute, :key, :name, :position)""")
                        .param("j", jurisdictionId)
                        .param("service", t.code())
                        .param("attribute", a.code())
                        .param("key", v.key())
                        .param("name", v.name())
                        .param("position", valuePosition++)
                        .update();
            }
        }
    }

    private void insertRings(
            String jurisdictionId, String wardCode, List<List<WardBoundary.Position>> rings, boolean hole) {
        for (List<WardBoundary.Position> ring : rings) {
            String polygon = ring.stream()
                    .map(p -> "(" + p.longitude() + "," + p.latitude() + ")")
                    .collect(Collectors.joining(",", "(", ")"));
            jdbc.sql(
                            """
                            insert into ward_outline (jurisdiction_id, ward_code, hole, outline)
                            values (:j, :ward, :hole, cast(:outline as polygon))""")
                    .param("j", jurisdictionId)
                    .param("ward", wardCode)
                    .param("hole", hole)
                    .param("outline", polygon)
                    .update();
        }
    }

    /** Keeps a routing rule; returns the id that names it. */
    long insertRule(String jurisdictionId, RoutingRule rule) {
        var insert = jdbc.sql(
                        """
                        insert into routing_rule (jurisdiction_id, service_code, ward_code, department_code, dispatch,
                            email, endpoint, api_key, external_code, supervisor_key)
                        values (:j, :service, :ward, :department, :dispatch, :email, :endpoint, :apiKey, :external,
                            :supervisor)
                        returning id""")
                .param("j", jurisdictionId)
                .param("service", rule.serviceCode())
                .param("ward", rule.wardCode())
                .param("department", rule.departmentCode())
                .param("supervisor", rule.supervisorKey());
        switch (rule.dispatch()) {
            case Dispatch.Queue q ->
                insert.param("dispatch", "QUEUE")
                        .param("email", null)
                        .param("endpoint", null)
                        .param("apiKey", null)
                        .param("external", null);
            case Dispatch.Email e ->
                insert.param("dispatch", "EMAIL")
                        .param("email", e.address())
                        .param("endpoint", null)
                        .param("apiKey", null)
                        .param("external", null);
            case Dispatch.Open311 o ->
                insert.param("dispatch", "OPEN311")
                        .param("email", null)
                        .param("endpoint", o.endpoint())
                        .param("apiKey", o.apiKey())
                        .param("external", o.serviceCode());
        }
        return insert.query(Long.class).single();
    }

    boolean removeRule(String jurisdictionId, long id) {
        return jdbc.sql("delete from routing_rule where jurisdiction_id = :j and id = :id")
                        .param("j", jurisdictionId)
                        .param("id", id)
                        .update()
                > 0;
    }

    List<RoutingRule> routingRules(String jurisdictionId) {
        return routing(jurisdictionId).stream().map(CatalogEditor.Routing::rule).toList();
    }

    List<CatalogEditor.Routing> routing(String jurisdictionId) {
        return jdbc.sql(
                        """
                        select id, service_code, ward_code, department_code, dispatch, email, endpoint, api_key,
                               external_code, supervisor_key
                        from routing_rule where jurisdiction_id = :j order by id""")
                .param("j", jurisdictionId)
                .query((rs, n) -> new CatalogEditor.Routing(
                        rs.getLong("id"),
                        new RoutingRule(
                                rs.getString("service_code"),
                                rs.getString("ward_code"),
                                rs.getString("department_code"),
                                switch (rs.getString("dispatch")) {
                                    case "EMAIL" -> new Dispatch.Email(rs.getString("email"));
                                    case "OPEN311" ->
                                        new Dispatch.Open311(
                                                rs.getString("endpoint"),
                                                rs.getString("api_key") == null ? "" : rs.getString("api_key"),
                                                rs.getString("external_code"));
                                    default -> new Dispatch.Queue();
                                },
                                rs.getString("supervisor_key"))))
                .list();
    }

    List<CatalogEditor.ReadyAnswer> readyAnswers(String jurisdictionId) {
        return jdbc.sql(
                        """
                        select id, service_code, resolution, text from reply_template
                        where jurisdiction_id = :j order by service_code nulls first, resolution, id""")
                .param("j", jurisdictionId)
                .query((rs, n) -> new CatalogEditor.ReadyAnswer(
                        rs.getLong(1), rs.getString(2), Resolution.valueOf(rs.getString(3)), rs.getString(4)))
                .list();
    }

    CatalogEditor.ReadyAnswer saveReadyAnswer(String jurisdictionId, @Nullable Long id, ReplyTemplate template) {
        long saved = jdbc.sql(
                        id == null
                                ? """
                                insert into reply_template (jurisdiction_id, service_code, resolution, text)
                                values (:j, :service, :resolution, :text) returning id"""
                                : """
                                update reply_template set service_code = :service, resolution = :resolution,
                                    text = :text
                                where jurisdiction_id = :j and id = :id returning id""")
                .param("j", jurisdictionId)
                .param("id", id == null ? 0L : id)
                .param("service", template.serviceCode())
                .param("resolution", template.resolution().name())
                .param("text", template.text())
                .query(Long.class)
                .single();
        return new CatalogEditor.ReadyAnswer(saved, template.serviceCode(), template.resolution(), template.text());
    }

    Optional<CatalogEditor.ReadyAnswer> removeReadyAnswer(String jurisdictionId, long id) {
        return jdbc.sql(
                        """
                        delete from reply_template where jurisdiction_id = :j and id = :id
                        returning id, service_code, resolution, text""")
                .param("j", jurisdictionId)
                .param("id", id)
                .query((rs, n) -> new CatalogEditor.ReadyAnswer(
                        rs.getLong(1), rs.getString(2), Resolution.valueOf(rs.getString(3)), rs.getString(4)))
                .optional();
    }

    void superviseArea(String jurisdictionId, long ruleId, @Nullable String personKey) {
        jdbc.sql("update routing_rule set supervisor_key = :person where jurisdiction_id = :j and id = :id")
                .param("person", personKey)
                .param("j", jurisdictionId)
                .param("id", ruleId)
                .update();
    }

    List<ReplyTemplate> replyTemplates(String jurisdictionId) {
        return jdbc.sql(
                        """
                        select service_code, resolution, text from reply_template
                        where jurisdiction_id = :j order by service_code nulls last, resolution, id""")
                .param("j", jurisdictionId)
                .query((rs, n) ->
                        new ReplyTemplate(rs.getString(1), Resolution.valueOf(rs.getString(2)), rs.getString(3)))
                .list();
    }
}
