package org.civic311.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civic311.common.InvalidInputException;
import org.civic311.common.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The catalogue module's API: what a jurisdiction offers and who handles it. */
@Service
public class Catalog {

    /** The group of the retired types that stand for kinds of request only an archive knows. */
    public static final String IMPORTED_GROUP = "Imported";

    private final CatalogRepository repository;
    private final CityHosts hosts;

    /** How long another instance's change to the catalogue may take to be seen here. */
    static final java.time.Duration REMEMBERED = java.time.Duration.ofSeconds(10);

    private final Remembered<String, List<Jurisdiction>> jurisdictions;
    private final Remembered<String, Map<String, ServiceType>> types;
    private final Remembered<String, List<RoutingRule>> rules;
    private final Remembered<String, PlacedWards> wards;

    /** A jurisdiction's wards (by code) and their outlines, to place a point without a query. */
    private record PlacedWards(List<Ward> list, WardMap map, Map<String, Ward> byCode) {
        PlacedWards(List<Ward> list, WardMap map) {
            this(
                    List.copyOf(list),
                    map,
                    list.stream().collect(java.util.stream.Collectors.toUnmodifiableMap(Ward::code, w -> w)));
        }
    }

    Catalog(CatalogRepository repository, CityHosts hosts) {
        this.repository = repository;
        this.hosts = hosts;
        this.jurisdictions = new Remembered<>(REMEMBERED, all -> List.copyOf(repository.jurisdictions()));
        this.types = new Remembered<>(REMEMBERED, j -> {
            Map<String, ServiceType> byCode = new java.util.LinkedHashMap<>();
            repository.serviceTypes(j).forEach(t -> byCode.put(t.code(), t));
            return java.util.Collections.unmodifiableMap(byCode);
        });
        this.rules = new Remembered<>(REMEMBERED, j -> List.copyOf(repository.routingRules(j)));
        // Every report is placed in a ward; in the database that is a scan of the outlines (a thousand points each)
        // costing a third of a millisecond, in memory a few microseconds.
        this.wards = new Remembered<>(REMEMBERED, j -> new PlacedWards(repository.wards(j), repository.wardMap(j)));
    }

    public List<Jurisdiction> jurisdictions() {
        return jurisdictions.get("");
    }

    public Optional<Jurisdiction> jurisdiction(String id) {
        return jurisdictions().stream().filter(j -> j.id().equals(id)).findFirst();
    }

    /** Forgets what is held in memory, after a change to the catalogue. */
    void changed() {
        forget();
        // Again once the change commits, so that nothing read before the commit is remembered after it.
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCompletion(int status) {
                            forget();
                        }
                    });
        }
    }

    private void forget() {
        jurisdictions.forget();
        types.forget();
        rules.forget();
        wards.forget();
    }

    /**
     * The jurisdiction a client means: the one it names, the only one when this installation serves a single
     * jurisdiction (Open311 lets clients omit {@code jurisdiction_id} then), or the one the web address it called is
     * for ({@link CityHosts}).
     */
    public Jurisdiction resolveJurisdiction(@Nullable String id) {
        if (id != null) {
            return jurisdiction(id)
                    .orElseThrow(() -> new InvalidInputException("jurisdiction", "'" + id + "' is not served here"));
        }
        List<Jurisdiction> all = jurisdictions();
        if (all.size() == 1) {
            return all.getFirst();
        }
        String byHost = hosts.current();
        if (byHost != null) {
            return jurisdiction(byHost)
                    .orElseThrow(() -> new IllegalStateException(
                            "civic311.hosts names '" + byHost + "', which is not served here"));
        }
        throw new InvalidInputException(
                "jurisdiction",
                all.isEmpty()
                        ? "is not configured yet"
                        : "is required: this installation serves "
                                + all.stream().map(Jurisdiction::id).toList());
    }

    /** Service types of a jurisdiction, active and retired, in catalogue order. */
    public List<ServiceType> serviceTypes(String jurisdictionId) {
        return List.copyOf(types.get(jurisdictionId).values());
    }

    /** The service types that take new requests, in catalogue order. */
    public List<ServiceType> activeServiceTypes(String jurisdictionId) {
        return serviceTypes(jurisdictionId).stream().filter(ServiceType::active).toList();
    }

    /** The questions of a service type; none for a code that is not one. */
    public List<ServiceAttribute> questions(String jurisdictionId, String code) {
        return code.isBlank()
                ? List.of()
                : serviceType(jurisdictionId, code).map(ServiceType::questions).orElse(List.of());
    }

    public Optional<ServiceType> serviceType(String jurisdictionId, String code) {
        return Optional.ofNullable(types.get(jurisdictionId).get(code));
    }

    /** A service type that can take new requests, or a clear refusal naming the field. */
    public ServiceType requireActiveServiceType(String jurisdictionId, String code) {
        ServiceType type = serviceType(jurisdictionId, code)
                .orElseThrow(() -> new InvalidInputException("serviceCode", "'" + code + "' is not in the catalogue"));
        if (!type.active()) {
            throw new InvalidInputException("serviceCode", "'" + code + "' is retired and takes no new requests");
        }
        return type;
    }

    public ServiceType requireServiceType(String jurisdictionId, String code) {
        return serviceType(jurisdictionId, code)
                .orElseThrow(() -> new NotFoundException("no service type '" + code + "'"));
    }

    public List<Department> departments(String jurisdictionId) {
        return repository.departments(jurisdictionId);
    }

    public Optional<Department> department(String jurisdictionId, String code) {
        return repository.department(jurisdictionId, code);
    }

    public Department requireDepartment(String jurisdictionId, String code) {
        return department(jurisdictionId, code)
                .orElseThrow(() -> new NotFoundException("no department '" + code + "'"));
    }

    public List<Person> people(String jurisdictionId) {
        return repository.people(jurisdictionId);
    }

    public List<Ward> wards(String jurisdictionId) {
        return wards.get(jurisdictionId).list();
    }

    /** The ward containing a point, if the point lies inside the jurisdiction's mapped area. */
    public Optional<Ward> wardAt(String jurisdictionId, double latitude, double longitude) {
        PlacedWards placed = wards.get(jurisdictionId);
        return placed.map().wardAt(latitude, longitude).map(placed.byCode()::get);
    }

    /** Whether the jurisdiction has mapped wards, so that a point outside all of them lies outside its area. */
    public boolean hasMappedArea(String jurisdictionId) {
        return !wards.get(jurisdictionId).byCode().isEmpty();
    }

    public Optional<Person> person(String jurisdictionId, String key) {
        return people(jurisdictionId).stream().filter(p -> p.key().equals(key)).findFirst();
    }

    public Person requirePerson(String jurisdictionId, String key) {
        return person(jurisdictionId, key)
                .orElseThrow(() -> new NotFoundException("no one in the directory is '" + key + "'"));
    }

    /**
     * Where a request of this type in this ward goes: the most specific routing rule, or else the type's own
     * department's queue. It is answered for by the rule's supervisor, or else by the area supervisor of that
     * department in the ward ({@link #areaSupervisor}), as a request transferred there would be.
     */
    public Route route(String jurisdictionId, ServiceType type, @Nullable String wardCode) {
        return rules.get(jurisdictionId).stream()
                .filter(rule -> rule.applies(type, wardCode))
                .max(java.util.Comparator.comparingInt(RoutingRule::specificity))
                .map(rule -> new Route(
                        rule.departmentCode(),
                        rule.dispatch(),
                        rule.supervisorKey() != null
                                ? rule.supervisorKey()
                                : areaSupervisor(jurisdictionId, rule.departmentCode(), wardCode)))
                .orElseGet(() -> new Route(
                        type.departmentCode(),
                        new Dispatch.Queue(),
                        areaSupervisor(jurisdictionId, type.departmentCode(), wardCode)));
    }

    /**
     * Who answers for a department's requests in a ward: the supervisor of a rule for that department and ward, of
     * the department's general rule, or the department's first supervisor.
     */
    public @Nullable String areaSupervisor(String jurisdictionId, String departmentCode, @Nullable String wardCode) {
        return rules.get(jurisdictionId).stream()
                .filter(rule ->
                        rule.serviceCode() == null && rule.departmentCode().equals(departmentCode))
                .filter(rule -> rule.wardCode() == null || rule.wardCode().equals(wardCode))
                .filter(rule -> rule.supervisorKey() != null)
                .max(java.util.Comparator.comparingInt(RoutingRule::specificity))
                .map(RoutingRule::supervisorKey)
                .orElseGet(() -> responsible(jurisdictionId, departmentCode));
    }

    /**
     * The phone numbers and email addresses the city publishes itself, {@link org.civic311.common.PersonalDetails#normalised
     * normalised}: its departments', its directory's, 311's. Never masked as a resident's.
     */
    public java.util.Set<String> ownContacts(String jurisdictionId) {
        Jurisdiction jurisdiction = resolveJurisdiction(jurisdictionId);
        java.util.Set<String> own = new java.util.HashSet<>();
        java.util.function.Consumer<@org.jspecify.annotations.Nullable String> add = detail -> {
            if (detail != null) {
                org.civic311.common.PersonalDetails.contactDetailsIn(detail)
                        .forEach(d -> own.add(org.civic311.common.PersonalDetails.normalised(d)));
            }
        };
        add.accept(jurisdiction.contact());
        for (var department : departments(jurisdiction.id())) {
            add.accept(department.email());
            add.accept(department.phone());
        }
        for (var person : people(jurisdiction.id())) {
            add.accept(person.email());
            add.accept(person.phone());
        }
        return own;
    }

    /** The jurisdiction's catalogue as it stands, console changes included, without its wards: to write as a file. */
    @org.springframework.transaction.annotation.Transactional(readOnly = true)
    public JurisdictionDefinition definition(String jurisdictionId) {
        Jurisdiction jurisdiction = resolveJurisdiction(jurisdictionId);
        return new JurisdictionDefinition(
                jurisdiction,
                repository.departments(jurisdiction.id()),
                repository.people(jurisdiction.id()),
                repository.serviceTypes(jurisdiction.id()),
                List.of(),
                repository.routing(jurisdiction.id()).stream()
                        .map(CatalogEditor.Routing::rule)
                        .toList(),
                repository.replyTemplates(jurisdiction.id()));
    }

    /** The ready answers for closing a request of this type: its own first, then those for every type. */
    public List<ReplyTemplate> replyTemplates(String jurisdictionId, String serviceCode) {
        return repository.replyTemplates(jurisdictionId).stream()
                .filter(t -> t.serviceCode() == null || t.serviceCode().equals(serviceCode))
                .sorted(java.util.Comparator.comparing(t -> t.serviceCode() == null))
                .toList();
    }

    private @Nullable String responsible(String jurisdictionId, String departmentCode) {
        List<Person> staff = people(jurisdictionId).stream()
                .filter(p -> p.departmentCode().equals(departmentCode))
                .toList();
        return staff.stream()
                .filter(p -> p.role() == PersonRole.SUPERVISOR)
                .findFirst()
                .or(() -> staff.stream()
                        .filter(p -> p.role() == PersonRole.MANAGER)
                        .findFirst())
                .map(Person::key)
                .orElse(null);
    }

    public boolean isEmpty() {
        return jurisdictions().isEmpty();
    }

    /** The jurisdiction's wards in memory, to place many points without a query each. */
    public WardMap wardMap(String jurisdictionId) {
        return wards.get(jurisdictionId).map();
    }

    /**
     * The service type an archive's kind of request stands for: the catalogue's own when its code or name matches
     * (ignoring case), or else a retired type added under the "Imported" group, with the archive's department found
     * by name or added. Retired, it takes no new requests, yet its history is searchable and counted.
     */
    @Transactional
    public ServiceType serviceTypeForArchive(String jurisdictionId, String kind, @Nullable String agency) {
        String clean = kind.strip();
        if (clean.isEmpty()) {
            throw new InvalidInputException("service_type", "is empty");
        }
        Optional<String> known = repository.serviceTypeCalled(jurisdictionId, clean);
        if (known.isPresent()) {
            return serviceType(jurisdictionId, known.get()).orElseThrow();
        }
        String slug = java.text.Normalizer.normalize(clean, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "")
                .toUpperCase(java.util.Locale.ROOT)
                .replaceAll("[^A-Z0-9]+", "-")
                .replaceAll("^-|-$", "");
        // A kind with no Latin letters or digits, or a long one cut short, keeps a short hash of its name apart.
        String code = slug.isEmpty() || slug.length() > 50
                ? "IMP-" + (slug.length() > 50 ? slug.substring(0, 50) + "-" : "")
                        + Integer.toHexString(
                                clean.toLowerCase(java.util.Locale.ROOT).hashCode())
                : "IMP-" + slug;
        Optional<ServiceType> existing = serviceType(jurisdictionId, code);
        if (existing.isPresent()) {
            return existing.get();
        }
        String departmentName = agency == null || agency.isBlank() ? "Imported requests" : agency.strip();
        String departmentCode = repository
                .departmentCalled(jurisdictionId, departmentName)
                .orElseGet(() -> repository.insertImportedDepartment(jurisdictionId, departmentName));
        repository.insertImportedServiceType(jurisdictionId, code, clean, departmentCode);
        changed();
        return serviceType(jurisdictionId, code).orElseThrow();
    }

    /** What an update of a catalogue did to its service types. */
    public record Update(List<String> added, List<String> retired) {}

    /**
     * Brings a defined jurisdiction to a new definition of its catalogue: service types, departments, people,
     * statuses and wards are added or changed, a type left out is retired, the calendar, routing rules and reply
     * templates are replaced. Nothing that requests, accounts or history may name is deleted.
     */
    @Transactional
    Update update(JurisdictionDefinition definition) {
        String id = definition.jurisdiction().id();
        if (jurisdiction(id).isEmpty()) {
            throw new IllegalStateException("jurisdiction " + id + " is not defined yet");
        }
        Update update = repository.update(definition);
        changed();
        return update;
    }

    /** Loads a whole jurisdiction at once; it must not exist yet. */
    @Transactional
    public void define(JurisdictionDefinition definition) {
        String id = definition.jurisdiction().id();
        if (jurisdiction(id).isPresent()) {
            throw new IllegalStateException("jurisdiction " + id + " is already defined");
        }
        repository.insert(definition);
        changed();
    }
}
