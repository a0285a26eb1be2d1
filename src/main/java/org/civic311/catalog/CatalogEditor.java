package org.civic311.catalog;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.civic311.common.InvalidInputException;
import org.civic311.common.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Administrators keep the catalogue in the console: service types (everything but their code and questions),
 * departments, the people directory and the business calendar. Each save checks its form, names the field that breaks a rule, refuses a code
 * already taken without touching the entry that has it, and records what changed with who changed it. What is saved
 * holds for the next request, suggestion and escalation; other instances see it within {@link Catalog#REMEMBERED}.
 */
@Service
public class CatalogEditor {

    /** The kinds of entry administrators keep. */
    public enum EntryKind {
        SERVICE_TYPE,
        DEPARTMENT,
        PERSON,
        /** The business calendar: its subject is a holiday's day, or "week" for the working hours. */
        CALENDAR,
        /** A ready answer for closing requests: its subject is the type's code (or "every type") and resolution. */
        READY_ANSWER,
        /** Where requests go: its subject is the routing rule. */
        ROUTING,
        /** The wards' boundaries, replaced from a file: its subject is "wards". */
        WARDS
    }

    /** A ready answer as it is kept, with the id that names it on its page. */
    public record ReadyAnswer(long id, @Nullable String serviceCode, Resolution resolution, String text) {}

    /** A routing rule as it is kept, with the id that names it on its page. */
    public record Routing(long id, RoutingRule rule) {}

    /**
     * A change an administrator made to the catalogue.
     *
     * @param subject the code of the type or department, or the key of the person
     */
    public record CatalogueChange(Instant at, EntryKind kind, String subject, String actor, String change) {}

    private final Catalog catalog;
    private final CatalogRepository repository;
    private final ApplicationEventPublisher events;
    private final List<DirectoryEntryUse> uses;
    private final List<DepartmentUse> departmentUses;

    CatalogEditor(
            Catalog catalog,
            CatalogRepository repository,
            ApplicationEventPublisher events,
            List<DirectoryEntryUse> uses,
            List<DepartmentUse> departmentUses) {
        this.catalog = catalog;
        this.repository = repository;
        this.events = events;
        this.uses = List.copyOf(uses);
        this.departmentUses = List.copyOf(departmentUses);
    }

    /**
     * Adds a service type, or changes one; its questions stay as they are.
     *
     * @param code the type to change, or null to add the type the form describes
     * @throws InvalidInputException naming the field that breaks a rule, an unknown department or a code in use
     */
    @Transactional
    public ServiceType saveServiceType(
            String jurisdictionId, @Nullable String code, ServiceTypeForm form, String actor) {
        // Under the type's lock, as questions are changed: saving the type rewrites its questions.
        Optional<ServiceType> before = code == null ? Optional.empty() : Optional.of(lockedType(jurisdictionId, code));
        if (form.department().isBlank()) {
            throw new InvalidInputException("department", "is required");
        }
        Department department = repository
                .department(jurisdictionId, form.department().strip())
                .orElseThrow(() -> new InvalidInputException(
                        "department", "“" + form.department() + "” is not a department of " + jurisdictionId));
        ServiceType after = (code == null ? form : form.withCode(code))
                .toServiceType(
                        jurisdictionId,
                        department,
                        before.map(ServiceType::attributes).orElse(List.of()));
        saved(
                repository.saveServiceType(jurisdictionId, after, code != null),
                "code",
                "“" + after.code() + "” is already a service type; change that one instead");
        record(
                jurisdictionId,
                EntryKind.SERVICE_TYPE,
                after.code(),
                actor,
                before.map(b -> b.changesTo(after))
                        .orElse(List.of("added, due within " + after.target().describe())));
        if (before.isPresent() && !before.get().privateLocation() && after.privateLocation()) {
            events.publishEvent(new PlacesMadePrivate(jurisdictionId, after.code(), actor));
        }
        return after;
    }

    /**
     * Brings a city that is served already to a new definition of it (the city command's {@code --update}), with the
     * care the console takes entry by entry: someone left out of the directory who still has open work (requests
     * escalated to them, callbacks promised on their behalf) refuses the whole update; what changed is recorded
     * against the actor; accounts let go of the people who left; the photos of types whose places became private
     * leave public view.
     *
     * @throws InvalidInputException naming the people left out and the work that still needs them
     */
    @Transactional
    public Catalog.Update updateCity(JurisdictionDefinition definition, boolean leavingOutWards, String actor) {
        String id = definition.jurisdiction().id();
        repository.lockJurisdiction(id);
        // New boundaries are checked and recorded as the console's are: another city's file, or one that leaves
        // wards out unsaid, would refuse every report there.
        @Nullable
        String wardChange = definition.wards().isEmpty() ? null : checkedWards(id, definition.wards(), leavingOutWards);
        java.util.Set<String> kept =
                definition.people().stream().map(Person::key).collect(java.util.stream.Collectors.toSet());
        List<Person> leaving = repository.people(id).stream()
                .filter(p -> !kept.contains(p.key()))
                .toList();
        List<String> needed = new java.util.ArrayList<>();
        // A department the file leaves out stays: one it keeps managed by someone who leaves would name nobody.
        java.util.Set<String> inFile =
                definition.departments().stream().map(Department::code).collect(java.util.stream.Collectors.toSet());
        for (Person person : leaving) {
            List<String> work = new java.util.ArrayList<>(stillNeeded(id, person.key()));
            repository.departments(id).stream()
                    .filter(d -> !inFile.contains(d.code()) && person.key().equals(d.managerKey()))
                    .forEach(d -> work.add("manages " + d.code() + ", which the file leaves as it is"));
            if (!work.isEmpty()) {
                needed.add(person.key() + " " + String.join(" and ", work));
            }
        }
        if (!needed.isEmpty()) {
            throw new InvalidInputException(
                    "people",
                    "left out of the file but still needed: " + String.join("; ", needed)
                            + " (hand that work to someone else in the console first, or keep them in the file)");
        }
        java.util.Map<String, ServiceType> typesBefore = repository.serviceTypes(id).stream()
                .collect(java.util.stream.Collectors.toMap(ServiceType::code, t -> t));
        Catalog.Update update = catalog.update(definition);
        for (ServiceType after : definition.serviceTypes()) {
            ServiceType before = typesBefore.get(after.code());
            record(
                    id,
                    EntryKind.SERVICE_TYPE,
                    after.code(),
                    actor,
                    before == null ? List.of("added by the city file") : before.changesTo(after));
            if (before != null && !before.privateLocation() && after.privateLocation()) {
                events.publishEvent(new PlacesMadePrivate(id, after.code(), actor));
            }
        }
        for (String retired : update.retired()) {
            record(id, EntryKind.SERVICE_TYPE, retired, actor, List.of("retired: left out of the city file"));
        }
        if (wardChange != null) {
            record(id, EntryKind.WARDS, "wards", actor, List.of(wardChange));
        }
        for (Person person : leaving) {
            record(
                    id,
                    EntryKind.PERSON,
                    person.key(),
                    actor,
                    List.of("removed from the directory by the city file (" + person.name() + ")"));
            events.publishEvent(new DirectoryEntryRemoved(id, person.key(), actor));
        }
        return update;
    }

    /**
     * Adds a department, or changes its name, contacts and manager.
     *
     * @param code the department to change, or null to add the one the form describes
     * @throws InvalidInputException naming the field that breaks a rule, a manager not in the directory or a code in use
     */
    @Transactional
    public Department saveDepartment(String jurisdictionId, @Nullable String code, DepartmentForm form, String actor) {
        Optional<Department> before =
                existing(code, c -> repository.department(jurisdictionId, c), "no department '" + code + "'");
        Department after =
                form.toDepartment(jurisdictionId, code == null ? form.code() : code, repository.people(jurisdictionId));
        // Held until commit, so that the manager cannot leave the directory in between.
        if (after.managerKey() != null && !repository.lockPerson(jurisdictionId, after.managerKey(), true)) {
            throw new InvalidInputException("manager", "“" + after.managerKey() + "” is not in the directory");
        }
        saved(
                repository.saveDepartment(after, code != null),
                "code",
                "“" + after.code() + "” is already a department; change that one instead");
        record(
                jurisdictionId,
                EntryKind.DEPARTMENT,
                after.code(),
                actor,
                before.map(b -> DepartmentForm.changes(b, after)).orElse(List.of("added")));
        return after;
    }

    /**
     * Adds someone to the people directory, or changes their entry; their key stays, since escalations, promises and
     * accounts name them by it.
     *
     * @param key the entry to change, or null to add the one the form describes
     * @throws InvalidInputException naming the field that breaks a rule, an unknown department or a key in use
     */
    @Transactional
    public Person savePerson(String jurisdictionId, @Nullable String key, PersonForm form, String actor) {
        Optional<Person> before =
                existing(key, k -> catalog.person(jurisdictionId, k), "no one in the directory is '" + key + "'");
        Person after =
                form.toPerson(jurisdictionId, key == null ? form.key() : key, repository.departments(jurisdictionId));
        saved(
                repository.savePerson(after, key != null),
                "key",
                "“" + after.key() + "” is already in the directory; change that entry instead");
        record(
                jurisdictionId,
                EntryKind.PERSON,
                after.key(),
                actor,
                before.map(b -> PersonForm.changes(b, after)).orElse(List.of("added")));
        return after;
    }

    /**
     * Removes a department that nothing names: one added by mistake, or emptied before a reorganisation. Refused while
     * it is the contact centre, has service types (retired ones too: their history is searched by department), people
     * or routing rules, or another module names it ({@link DepartmentUse}: staff accounts, knowledge articles,
     * requests and inquiries that were its, since their history shows it). A department that changed its name is
     * renamed, not removed.
     *
     * @throws InvalidInputException naming what still names it
     */
    @Transactional
    public void removeDepartment(String jurisdictionId, String code, String actor) {
        if (!repository.lockDepartment(jurisdictionId, code, false)) {
            throw new NotFoundException("no department '" + code + "'");
        }
        Department department = repository.department(jurisdictionId, code).orElseThrow();
        if (code.equals(catalog.resolveJurisdiction(jurisdictionId).contactCentre())) {
            throw new InvalidInputException(
                    "code", "is the city's contact centre: its catalogue file names another first");
        }
        CatalogRepository.DepartmentEntries entries = repository.entriesOf(jurisdictionId, code);
        List<String> named = new ArrayList<>();
        counted(named, entries.types(), "service type", "service types");
        counted(named, entries.people(), "person of the directory", "people of the directory");
        counted(named, entries.rules(), "routing rule", "routing rules");
        departmentUses.forEach(use -> use.stillNames(jurisdictionId, code).ifPresent(named::add));
        if (!named.isEmpty()) {
            throw new InvalidInputException(
                    "code",
                    "is still named by " + String.join(", ", named)
                            + ": move or remove them first, or change only its name");
        }
        repository.deleteDepartment(jurisdictionId, code);
        record(jurisdictionId, EntryKind.DEPARTMENT, code, actor, List.of("removed (" + department.name() + ")"));
    }

    private static void counted(List<String> named, int count, String one, String many) {
        if (count > 0) {
            named.add(count + " " + (count == 1 ? one : many));
        }
    }

    /**
     * Takes someone who left out of the directory. Refused while a department names them its manager, a routing rule
     * its area's supervisor, or another module open work ({@link DirectoryEntryUse}: open requests escalated to them,
     * callbacks promised on their behalf), since it would then reach no one; a staff account linked to the entry lets
     * go of it once this commits ({@link DirectoryEntryRemoved}).
     *
     * @throws InvalidInputException naming what still needs them
     */
    @Transactional
    public void removePerson(String jurisdictionId, String key, String actor) {
        if (!repository.lockPerson(jurisdictionId, key, false)) {
            throw new NotFoundException("no one in the directory is '" + key + "'");
        }
        Person person = catalog.requirePerson(jurisdictionId, key);
        List<String> managed = repository.departments(jurisdictionId).stream()
                .filter(d -> key.equals(d.managerKey()))
                .map(Department::name)
                .toList();
        if (!managed.isEmpty()) {
            throw new InvalidInputException(
                    "key", "manages " + String.join(" and ", managed) + ": name another manager there first");
        }
        int supervised = repository.rulesSupervisedBy(jurisdictionId, key);
        if (supervised > 0) {
            throw new InvalidInputException(
                    "key",
                    "supervises the area of " + supervised
                            + " routing rules: give their areas another supervisor first");
        }
        List<String> work = stillNeeded(jurisdictionId, key);
        if (!work.isEmpty()) {
            throw new InvalidInputException(
                    "key", String.join(" and ", work) + ": hand that work to someone else first");
        }
        repository.deletePerson(jurisdictionId, key);
        record(
                jurisdictionId,
                EntryKind.PERSON,
                key,
                actor,
                List.of("removed from the directory (" + person.name() + ")"));
        events.publishEvent(new DirectoryEntryRemoved(jurisdictionId, key, actor));
    }

    /**
     * Everything a person of the directory still answers for, said as the administrator reads it: the departments they
     * manage, the routing areas they supervise, and other modules' open work (escalated requests, promised
     * callbacks). Disabling their account stops none of it reaching them: a hand-over does.
     */
    @Transactional(readOnly = true)
    public List<String> answersFor(String jurisdictionId, String key) {
        List<String> said = new java.util.ArrayList<>();
        repository.departments(jurisdictionId).stream()
                .filter(d -> key.equals(d.managerKey()))
                .forEach(d -> said.add("manages " + d.name()));
        int supervised = repository.rulesSupervisedBy(jurisdictionId, key);
        if (supervised > 0) {
            said.add("supervises the area of " + supervised + (supervised == 1 ? " routing rule" : " routing rules"));
        }
        said.addAll(stillNeeded(jurisdictionId, key));
        return said;
    }

    /** The open work other modules report for a person of the directory ({@link DirectoryEntryUse}). */
    private List<String> stillNeeded(String jurisdictionId, String key) {
        return uses.stream()
                .flatMap(use -> use.stillNeeds(jurisdictionId, key).stream())
                .toList();
    }

    /**
     * Hands everything a person of the directory is responsible for to another, as when someone leaves or moves on:
     * the departments they manage, the areas they supervise in routing rules, and the open work of other modules that
     * names them (escalated requests, promised callbacks). Afterwards nothing stops their removal.
     *
     * @throws InvalidInputException when the other person is the same one or not in the directory
     */
    @Transactional
    public List<String> handOver(String jurisdictionId, String from, String to, String actor) {
        if (from.equals(to)) {
            throw new InvalidInputException("to", "must be someone else than " + from);
        }
        // Both locked, in one order: neither is removed meanwhile, and two hand-overs never wait on each other.
        for (String key : from.compareTo(to) < 0 ? List.of(from, to) : List.of(to, from)) {
            if (!repository.lockPerson(jurisdictionId, key, false)) {
                throw key.equals(from)
                        ? new NotFoundException("no one in the directory is '" + from + "'")
                        : new InvalidInputException("to", "'" + to + "' is not in the directory");
            }
        }
        Person successor = catalog.requirePerson(jurisdictionId, to);
        List<String> handed = new java.util.ArrayList<>();
        int departments = repository.replaceManager(jurisdictionId, from, to);
        if (departments > 0) {
            handed.add(departments + (departments == 1 ? " department managed" : " departments managed"));
        }
        int rules = repository.replaceRuleSupervisor(jurisdictionId, from, to);
        if (rules > 0) {
            handed.add(rules + (rules == 1 ? " routing rule's area" : " routing rules' areas"));
        }
        uses.forEach(use -> use.handOver(jurisdictionId, from, to, actor).ifPresent(handed::add));
        record(
                jurisdictionId,
                EntryKind.PERSON,
                from,
                actor,
                List.of("handed over to " + successor.name() + ": "
                        + (handed.isEmpty() ? "nothing needed them" : String.join(", ", handed))));
        return handed;
    }

    /**
     * Adds a question to a service type, or changes one; a question's code stays, since requests' answers name it.
     * Answers already given stay with their requests whatever changes.
     *
     * @param questionCode the question to change, or null to add the one the form describes
     * @throws InvalidInputException naming the field that breaks a rule, or a code the type already asks
     */
    @Transactional
    public ServiceAttribute saveQuestion(
            String jurisdictionId,
            String typeCode,
            @Nullable String questionCode,
            ServiceAttributeForm form,
            String actor) {
        ServiceType type = lockedType(jurisdictionId, typeCode);
        Optional<ServiceAttribute> before = existing(
                questionCode,
                q -> question(type, q),
                "service type " + typeCode + " asks no question '" + questionCode + "'");
        String code = questionCode == null ? form.code().strip() : questionCode;
        if (questionCode == null) {
            question(type, code).ifPresent(taken -> {
                throw new InvalidInputException(
                        "code",
                        taken.retired()
                                ? "“" + code + "” was a question of this type, now retired, and requests hold its"
                                        + " answers; ask it again from its page, or choose another code"
                                : "“" + code + "” is already a question of this type; change that one instead");
            });
        }
        int order = before.map(ServiceAttribute::order)
                .orElse(type.attributes().stream()
                                .mapToInt(ServiceAttribute::order)
                                .max()
                                .orElse(0)
                        + 1);
        ServiceAttribute after = form.toAttribute(code, order)
                .retired(before.map(ServiceAttribute::retired).orElse(false));
        if (before.isPresent()) {
            keepsItsAnswersMeaning(jurisdictionId, typeCode, before.get(), after);
        }
        List<ServiceAttribute> questions = new ArrayList<>(type.attributes());
        questions.removeIf(q -> q.code().equals(code));
        questions.add(after);
        repository.saveServiceType(jurisdictionId, type.withAttributes(questions), true);
        record(
                jurisdictionId,
                EntryKind.SERVICE_TYPE,
                typeCode,
                actor,
                before.map(b -> ServiceAttributeForm.changes(b, after).stream()
                                .map(change -> "question " + code + ": " + change)
                                .toList())
                        .orElse(List.of("question " + code + " added")));
        return after;
    }

    /**
     * Once requests hold answers to a question, its kind of answer and its choices stay: "3" answered to "How many
     * potholes?" must not come to read as a depth, nor a choice become a bare key. Its wording may be made clearer.
     */
    private void keepsItsAnswersMeaning(
            String jurisdictionId, String typeCode, ServiceAttribute before, ServiceAttribute after) {
        List<String> dropped = before.values().stream()
                .map(AttributeValue::key)
                .filter(key -> after.values().stream().noneMatch(v -> v.key().equals(key)))
                .toList();
        if ((before.datatype() == after.datatype() && dropped.isEmpty())
                || !repository.answered(jurisdictionId, typeCode, before.code())) {
            return;
        }
        throw new InvalidInputException(
                before.datatype() != after.datatype() ? "datatype" : "choices",
                (before.datatype() != after.datatype()
                                ? "cannot change from "
                                        + before.datatype().name().toLowerCase(java.util.Locale.ROOT)
                                : "cannot lose " + String.join(", ", dropped))
                        + ": requests hold answers to this question; retire it and add a new question instead");
    }

    /**
     * Stops asking a question, or asks a retired one again. A retired question stays with its type: the answers
     * requests hold keep its wording, and an Open311 client still sending it is not refused.
     */
    @Transactional
    public void askQuestion(String jurisdictionId, String typeCode, String questionCode, boolean ask, String actor) {
        ServiceType type = lockedType(jurisdictionId, typeCode);
        ServiceAttribute before = question(type, questionCode)
                .orElseThrow(() ->
                        new NotFoundException("service type " + typeCode + " asks no question '" + questionCode + "'"));
        if (before.asked() == ask) {
            return;
        }
        List<ServiceAttribute> questions = new ArrayList<>(type.attributes());
        questions.replaceAll(q -> q.code().equals(questionCode) ? q.retired(!ask) : q);
        repository.saveServiceType(jurisdictionId, type.withAttributes(questions), true);
        record(
                jurisdictionId,
                EntryKind.SERVICE_TYPE,
                typeCode,
                actor,
                List.of("question " + questionCode + (ask ? " asked again" : " retired")));
    }

    /**
     * Deletes a retired question that no request ever answered (one added by mistake): its code is free again. One
     * that was answered stays retired, since requests keep its answers and wording.
     *
     * @throws InvalidInputException when it is still asked, or was answered
     */
    @Transactional
    public void deleteQuestion(String jurisdictionId, String typeCode, String questionCode, String actor) {
        ServiceType type = lockedType(jurisdictionId, typeCode);
        ServiceAttribute question = question(type, questionCode)
                .orElseThrow(() ->
                        new NotFoundException("service type " + typeCode + " asks no question '" + questionCode + "'"));
        if (question.asked()) {
            throw new InvalidInputException("question", "is still asked: retire it first");
        }
        if (repository.answered(jurisdictionId, typeCode, questionCode)) {
            throw new InvalidInputException(
                    "question", "was answered in requests, which keep its answers and wording: it stays retired");
        }
        repository.deleteQuestion(jurisdictionId, typeCode, questionCode);
        record(
                jurisdictionId,
                EntryKind.SERVICE_TYPE,
                typeCode,
                actor,
                List.of("question " + questionCode + " deleted (" + question.description() + ")"));
    }

    public List<ReadyAnswer> readyAnswers(String jurisdictionId) {
        return repository.readyAnswers(jurisdictionId);
    }

    /**
     * Adds a ready answer, or changes one. A type has one ready answer per resolution, and the answers for every type
     * one each: staff pick by resolution.
     *
     * @param id the answer to change, or null to add the one the form describes
     * @throws InvalidInputException naming the field that breaks a rule, an unknown type, or a resolution answered
     */
    @Transactional
    public ReadyAnswer saveReadyAnswer(String jurisdictionId, @Nullable Long id, ReadyAnswerForm form, String actor) {
        ReplyTemplate template = form.toTemplate();
        if (template.serviceCode() != null
                && repository
                        .serviceType(jurisdictionId, template.serviceCode())
                        .isEmpty()) {
            throw new InvalidInputException("service", "“" + template.serviceCode() + "” is not a service type");
        }
        // One administrator at a time, so that two cannot both add the same type's answer for a resolution.
        repository.lockJurisdiction(jurisdictionId);
        List<ReadyAnswer> kept = repository.readyAnswers(jurisdictionId);
        if (id != null && kept.stream().noneMatch(a -> a.id() == id)) {
            throw new NotFoundException("no ready answer " + id);
        }
        if (kept.stream()
                .anyMatch(a -> (id == null || a.id() != id)
                        && java.util.Objects.equals(a.serviceCode(), template.serviceCode())
                        && a.resolution() == template.resolution())) {
            throw new InvalidInputException(
                    "resolution",
                    template.resolution() + " already has a ready answer for "
                            + (template.serviceCode() == null ? "every type" : template.serviceCode())
                            + "; change that one instead");
        }
        ReadyAnswer saved = repository.saveReadyAnswer(jurisdictionId, id, template);
        String subject = answered(template.serviceCode(), template.resolution());
        record(
                jurisdictionId,
                EntryKind.READY_ANSWER,
                subject,
                actor,
                List.of(subject + (id == null ? " added" : " changed")));
        return saved;
    }

    /** Takes a ready answer away; the notes it already wrote stay with their requests. */
    @Transactional
    public void removeReadyAnswer(String jurisdictionId, long id, String actor) {
        ReadyAnswer removed = repository
                .removeReadyAnswer(jurisdictionId, id)
                .orElseThrow(() -> new NotFoundException("no ready answer " + id));
        String subject = answered(removed.serviceCode(), removed.resolution());
        record(jurisdictionId, EntryKind.READY_ANSWER, subject, actor, List.of(subject + " removed"));
    }

    private static String answered(@Nullable String serviceCode, Resolution resolution) {
        return (serviceCode == null ? "every type" : serviceCode) + " " + resolution;
    }

    public List<Routing> routing(String jurisdictionId) {
        return repository.routing(jurisdictionId);
    }

    /**
     * Gives the area of a routing rule another supervisor, or none: escalations of its requests go to them from the
     * next one on. Someone leaving the directory is first taken off the areas they supervise.
     *
     * @param personKey the directory entry, or null for none (the department's own supervisor then answers)
     */
    @Transactional
    public void superviseArea(String jurisdictionId, long ruleId, @Nullable String personKey, String actor) {
        if (personKey != null && !repository.lockPerson(jurisdictionId, personKey, true)) {
            throw new InvalidInputException("supervisor", "“" + personKey + "” is not in the directory");
        }
        Routing before = repository.routing(jurisdictionId).stream()
                .filter(r -> r.id() == ruleId)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("no routing rule " + ruleId));
        repository.superviseArea(jurisdictionId, ruleId, personKey);
        RoutingRule rule = before.rule();
        List<String> changes = new ArrayList<>();
        FormFields.changed(changes, area(rule) + ": supervisor", rule.supervisorKey(), personKey);
        record(jurisdictionId, EntryKind.ROUTING, "rule " + ruleId, actor, changes);
    }

    /**
     * Adds a routing rule: requests made from now on that it is the most specific rule for go where it says. An
     * area has one rule; change where its requests go by removing its rule and adding another.
     *
     * @throws InvalidInputException naming the field that breaks a rule, an unknown code, or an area already routed
     */
    @Transactional
    public Routing addRoutingRule(String jurisdictionId, RoutingRuleForm form, String actor) {
        RoutingRule rule = form.toRule();
        if (!repository.lockDepartment(jurisdictionId, rule.departmentCode(), true)) {
            throw new InvalidInputException("department", "“" + rule.departmentCode() + "” is not a department");
        }
        if (rule.serviceCode() != null) {
            ServiceType type = repository
                    .serviceType(jurisdictionId, rule.serviceCode())
                    .orElseThrow(() ->
                            new InvalidInputException("service", "“" + rule.serviceCode() + "” is not a service type"));
            if (!type.active()) {
                throw new InvalidInputException(
                        "service", "“" + type.code() + "” is retired: it takes no new requests to route");
            }
        }
        if (rule.wardCode() != null
                && catalog.wards(jurisdictionId).stream()
                        .noneMatch(w -> w.code().equals(rule.wardCode()))) {
            throw new InvalidInputException("ward", "“" + rule.wardCode() + "” is not a ward");
        }
        if (rule.supervisorKey() != null && !repository.lockPerson(jurisdictionId, rule.supervisorKey(), true)) {
            throw new InvalidInputException("supervisor", "“" + rule.supervisorKey() + "” is not in the directory");
        }
        // One administrator at a time, so that two cannot both route the same area.
        repository.lockJurisdiction(jurisdictionId);
        if (repository.routing(jurisdictionId).stream().anyMatch(r -> sameArea(r.rule(), rule))) {
            throw new InvalidInputException(
                    rule.serviceCode() == null ? "department" : "service",
                    area(rule) + " already has a rule; remove it first to send its requests elsewhere");
        }
        long id = repository.insertRule(jurisdictionId, rule);
        record(
                jurisdictionId,
                EntryKind.ROUTING,
                "rule " + id,
                actor,
                List.of(area(rule) + " added: sent to " + rule.departmentCode() + " "
                        + rule.dispatch().describe()
                        + (rule.supervisorKey() == null ? "" : ", supervised by " + rule.supervisorKey())));
        return new Routing(id, rule);
    }

    /**
     * Takes a routing rule away: requests made from now on go by the next most specific rule, or to their type's own
     * department. Requests already routed stay where they are.
     */
    @Transactional
    public void removeRoutingRule(String jurisdictionId, long ruleId, String actor) {
        repository.lockJurisdiction(jurisdictionId);
        remove(jurisdictionId, ruleId, actor);
    }

    /**
     * Changes a rule in one step: where its requests go, how, or who supervises the area. Removing it and adding
     * another would route the requests made in between by the other rules (a contractor's reports to a queue nobody
     * works). An Open311 key left empty keeps the key the rule had for the same server, as it is never shown again.
     */
    @Transactional
    public Routing replaceRoutingRule(String jurisdictionId, long ruleId, RoutingRuleForm form, String actor) {
        repository.lockJurisdiction(jurisdictionId);
        Routing old = repository.routing(jurisdictionId).stream()
                .filter(r -> r.id() == ruleId)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("no routing rule " + ruleId));
        RoutingRuleForm kept = form.apiKey().isBlank()
                        && old.rule().dispatch() instanceof Dispatch.Open311 open311
                        && open311.endpoint().equals(form.endpoint().strip())
                ? new RoutingRuleForm(
                        form.service(),
                        form.ward(),
                        form.department(),
                        form.dispatch(),
                        form.email(),
                        form.endpoint(),
                        open311.apiKey(),
                        form.externalCode(),
                        form.supervisor())
                : form;
        remove(jurisdictionId, ruleId, actor);
        return addRoutingRule(jurisdictionId, kept, actor);
    }

    private void remove(String jurisdictionId, long ruleId, String actor) {
        Routing removed = repository.routing(jurisdictionId).stream()
                .filter(r -> r.id() == ruleId)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("no routing rule " + ruleId));
        if (!repository.removeRule(jurisdictionId, ruleId)) {
            throw new NotFoundException("no routing rule " + ruleId);
        }
        record(
                jurisdictionId,
                EntryKind.ROUTING,
                "rule " + ruleId,
                actor,
                List.of(area(removed.rule()) + " removed (it sent them to "
                        + removed.rule().departmentCode() + " "
                        + removed.rule().dispatch().describe() + ")"));
    }

    /**
     * Replaces the wards' boundaries with a city's new ones (after a redistricting): reports made from now on are
     * placed by them. A ward left out keeps its code on the requests and rules that have it, and places nothing more:
     * residents there can no longer report, so a file that leaves wards out is refused, naming them, unless the
     * administrator says they are to go.
     *
     * @param leavingOut whether wards the file leaves out are meant to stop placing reports
     */
    @Transactional
    public String replaceWards(String jurisdictionId, List<WardBoundary> wards, boolean leavingOut, String actor) {
        repository.lockJurisdiction(jurisdictionId);
        String change = checkedWards(jurisdictionId, wards, leavingOut);
        repository.replaceWards(jurisdictionId, wards);
        record(jurisdictionId, EntryKind.WARDS, "wards", actor, List.of(change));
        return change;
    }

    /** The new boundaries checked against those there are, and what they change, said as the record keeps it. */
    private String checkedWards(String jurisdictionId, List<WardBoundary> wards, boolean leavingOut) {
        java.util.Set<String> before = repository.mappedWards(jurisdictionId);
        java.util.Set<String> after = new java.util.TreeSet<>();
        for (WardBoundary ward : wards) {
            if (!after.add(ward.code())) {
                throw new InvalidInputException("wards", "ward " + ward.code() + " is in the file twice");
            }
        }
        // Latitude and longitude swapped, or another city's file: nowhere near the boundaries there are.
        repository.wardMap(jurisdictionId).bounds().ifPresent(current -> {
            double[] given = bounds(wards);
            boolean overlap = given[0] <= current[2]
                    && given[2] >= current[0]
                    && given[1] <= current[3]
                    && given[3] >= current[1];
            if (!overlap) {
                throw new InvalidInputException(
                        "wards",
                        "lie nowhere near the city's wards (are longitude and latitude given in that order, as GeoJSON"
                                + " has them?)");
            }
        });
        List<String> added =
                after.stream().filter(code -> !before.contains(code)).toList();
        List<String> dropped =
                before.stream().filter(code -> !after.contains(code)).sorted().toList();
        if (!dropped.isEmpty() && !leavingOut) {
            throw new InvalidInputException(
                    "wards",
                    "leave out " + (dropped.size() == 1 ? "ward " : "wards ") + String.join(", ", dropped)
                            + ", where reports would then be refused as outside the city; if they are to go, say so"
                            + " and save again");
        }
        // A routing rule of a ward that places nothing more picks no request: said, for the administrator to move.
        List<String> stranded = repository.routing(jurisdictionId).stream()
                .filter(r ->
                        r.rule().wardCode() != null && dropped.contains(r.rule().wardCode()))
                .map(r -> "rule " + r.id() + " (" + area(r.rule()) + ")")
                .toList();
        String change = after.size() + " wards drawn"
                + (added.isEmpty() ? "" : "; new: " + String.join(", ", added))
                + (dropped.isEmpty() ? "" : "; no longer placing reports: " + String.join(", ", dropped))
                + (stranded.isEmpty() ? "" : "; routing rules that now pick nothing: " + String.join(", ", stranded));
        return change;
    }

    /** South, west, north and east of the wards' outlines. */
    private static double[] bounds(List<WardBoundary> wards) {
        double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (WardBoundary ward : wards) {
            for (List<WardBoundary.Position> ring : ward.outerRings()) {
                for (WardBoundary.Position p : ring) {
                    box[0] = Math.min(box[0], p.latitude());
                    box[1] = Math.min(box[1], p.longitude());
                    box[2] = Math.max(box[2], p.latitude());
                    box[3] = Math.max(box[3], p.longitude());
                }
            }
        }
        return box;
    }

    /** Whether two rules pick the same requests: then neither would be more specific than the other. */
    private static boolean sameArea(RoutingRule a, RoutingRule b) {
        return java.util.Objects.equals(a.serviceCode(), b.serviceCode())
                && java.util.Objects.equals(a.wardCode(), b.wardCode())
                && (a.serviceCode() != null || a.departmentCode().equals(b.departmentCode()));
    }

    /** A rule's area as staff read it: "all of SWM everywhere", "POT in ward 3". */
    private static String area(RoutingRule rule) {
        return (rule.serviceCode() == null ? "all of " + rule.departmentCode() : rule.serviceCode())
                + (rule.wardCode() == null ? " everywhere" : " in ward " + rule.wardCode());
    }

    /** A type read under its row's lock, so that two administrators' questions are not lost to each other. */
    private ServiceType lockedType(String jurisdictionId, String typeCode) {
        if (!repository.lockServiceType(jurisdictionId, typeCode)) {
            throw new NotFoundException("no service type '" + typeCode + "'");
        }
        return repository.serviceType(jurisdictionId, typeCode).orElseThrow();
    }

    private static Optional<ServiceAttribute> question(ServiceType type, String code) {
        return type.attributes().stream().filter(q -> q.code().equals(code)).findFirst();
    }

    /**
     * Sets the working week; targets in business days count its hours, the open requests' too.
     *
     * @param week each working day's hours; a day left out is closed
     */
    @Transactional
    public void saveWeek(String jurisdictionId, Map<DayOfWeek, BusinessCalendar.WorkingHours> week, String actor) {
        repository.lockJurisdiction(jurisdictionId);
        Map<DayOfWeek, BusinessCalendar.WorkingHours> before =
                repository.calendar(jurisdictionId).week();
        List<String> changes = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            String was = hours(before.get(day));
            String is = hours(week.get(day));
            if (!was.equals(is)) {
                changes.add(day.getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + was + " → " + is);
            }
        }
        if (!changes.isEmpty()) {
            BusinessCalendar was = repository.calendar(jurisdictionId);
            repository.replaceWeek(jurisdictionId, week);
            // Any open request's due time may move: from the beginning.
            calendarChanged(jurisdictionId, was, LocalDate.EPOCH, actor);
        }
        record(jurisdictionId, EntryKind.CALENDAR, "week", actor, changes);
    }

    /** Tells the requests module the calendar changed from {@code before}, within this transaction. */
    private void calendarChanged(String jurisdictionId, BusinessCalendar before, LocalDate from, String actor) {
        events.publishEvent(
                new BusinessCalendarChanged(jurisdictionId, before, repository.calendar(jurisdictionId), from, actor));
    }

    /** Adds a holiday, or renames the one of that day: no target counts it as a business day. */
    @Transactional
    public void saveHoliday(String jurisdictionId, LocalDate day, String name, String actor) {
        String holiday = CalendarForm.holidayName(name);
        repository.lockJurisdiction(jurisdictionId);
        BusinessCalendar calendar = repository.calendar(jurisdictionId);
        String before = calendar.holidays().get(day);
        if (holiday.equals(before)) {
            return;
        }
        repository.saveHoliday(jurisdictionId, day, holiday);
        if (before == null) {
            calendarChanged(jurisdictionId, calendar, day, actor);
        }
        record(
                jurisdictionId,
                EntryKind.CALENDAR,
                day.toString(),
                actor,
                List.of(
                        before == null
                                ? "holiday “" + holiday + "” added"
                                : "holiday “" + before + "” → “" + holiday + "”"));
    }

    /** Makes a holiday an ordinary day again. */
    @Transactional
    public void removeHoliday(String jurisdictionId, LocalDate day, String actor) {
        repository.lockJurisdiction(jurisdictionId);
        BusinessCalendar calendar = repository.calendar(jurisdictionId);
        String before = calendar.holidays().get(day);
        if (before == null || !repository.deleteHoliday(jurisdictionId, day)) {
            throw new NotFoundException("no holiday on " + day);
        }
        calendarChanged(jurisdictionId, calendar, day, actor);
        record(jurisdictionId, EntryKind.CALENDAR, day.toString(), actor, List.of("holiday “" + before + "” removed"));
    }

    private static String hours(BusinessCalendar.@Nullable WorkingHours hours) {
        return hours == null ? "closed" : hours.opens() + "–" + hours.closes();
    }

    /**
     * The latest changes administrators made to the jurisdiction's catalogue, newest first.
     *
     * @param kind only of this kind of entry, or all
     * @param subject only of this entry, or all
     */
    public List<CatalogueChange> changes(
            String jurisdictionId, @Nullable EntryKind kind, @Nullable String subject, int limit) {
        return repository.changes(jurisdictionId, kind, subject, limit);
    }

    /** The entry a save changes, or none when it adds one. */
    private static <T> Optional<T> existing(
            @Nullable String id, java.util.function.Function<String, Optional<T>> find, String missing) {
        return id == null
                ? Optional.empty()
                : Optional.of(find.apply(id).orElseThrow(() -> new NotFoundException(missing)));
    }

    /** Refuses an addition whose code another entry has: that entry was kept as it was. */
    private static void saved(CatalogRepository.Saved saved, String field, String taken) {
        if (saved == CatalogRepository.Saved.KEPT) {
            throw new InvalidInputException(field, taken);
        }
    }

    /** Records a change, unless nothing changed, and has the catalogue forget what it holds. */
    private void record(String jurisdictionId, EntryKind kind, String subject, String actor, List<String> changes) {
        if (!changes.isEmpty()) {
            repository.recordChange(jurisdictionId, kind, subject, actor, String.join("; ", changes));
        }
        catalog.changed();
    }
}
