package org.civic311.console;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.civic311.catalog.Catalog;
import org.civic311.catalog.CatalogEditor;
import org.civic311.catalog.Department;
import org.civic311.catalog.Jurisdiction;
import org.civic311.catalog.Person;
import org.civic311.catalog.ServiceType;
import org.civic311.staff.StaffMember;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The city's catalogue and directory as staff look things up on a call: which department takes a problem and how
 * soon it is due, who manages it and on which number, and when the city counts business hours. Administrators find
 * here the way to keep its types, departments and people ({@link CatalogueEditingScreens}); wards, the calendar and
 * each type's questions change with the {@code city} command (docs/CITY-SETUP.md).
 */
@Controller
class CatalogueScreens {

    private final Catalog catalog;
    private final CatalogEditor editor;
    private final StaffAccess access;

    CatalogueScreens(Catalog catalog, CatalogEditor editor, StaffAccess access) {
        this.catalog = catalog;
        this.editor = editor;
        this.access = access;
    }

    /** A department with its manager from the directory, if the catalogue names one. */
    record DepartmentEntry(Department department, @Nullable Person manager) {}

    @GetMapping("/staff/catalogue")
    String catalogue(@RequestParam(defaultValue = "") String q, Authentication authentication, Model model) {
        StaffMember member = access.member(authentication);
        Jurisdiction jurisdiction = catalog.resolveJurisdiction(member.jurisdictionId());
        String query = q.strip().toLowerCase(Locale.ROOT);
        List<Person> people = catalog.people(jurisdiction.id());
        Map<String, String> departmentNames = catalog.departments(jurisdiction.id()).stream()
                .collect(Collectors.toMap(Department::code, Department::name));
        Map<String, List<ServiceType>> groups = catalog.serviceTypes(jurisdiction.id()).stream()
                .filter(type -> !type.group().equals(Catalog.IMPORTED_GROUP))
                .filter(type -> query.isEmpty() || matches(type, query))
                .collect(Collectors.groupingBy(ServiceType::group, TreeMap::new, Collectors.toList()));
        model.addAttribute("member", member);
        model.addAttribute("q", q.strip());
        model.addAttribute("jurisdiction", jurisdiction);
        model.addAttribute("groups", groups);
        model.addAttribute("departmentNames", departmentNames);
        model.addAttribute(
                "departments",
                catalog.departments(jurisdiction.id()).stream()
                        .map(d -> new DepartmentEntry(
                                d, person(people, d.managerKey()).orElse(null)))
                        .toList());
        model.addAttribute("people", people);
        model.addAttribute("holidays", new TreeMap<>(jurisdiction.calendar().holidays()));
        if (member.administers()) {
            model.addAttribute("changes", editor.changes(jurisdiction.id(), null, null, 10));
            model.addAttribute("t", new DepartmentScreens.LocalTimes(jurisdiction.timeZone()));
        }
        return "staff/catalogue";
    }

    private static boolean matches(ServiceType type, String query) {
        return type.name().toLowerCase(Locale.ROOT).contains(query)
                || type.code().toLowerCase(Locale.ROOT).contains(query)
                || type.group().toLowerCase(Locale.ROOT).contains(query)
                || type.keywords().stream()
                        .anyMatch(k -> k.toLowerCase(Locale.ROOT).contains(query))
                || (type.description() != null
                        && type.description().toLowerCase(Locale.ROOT).contains(query));
    }

    private static Optional<Person> person(List<Person> people, @Nullable String key) {
        return key == null
                ? Optional.empty()
                : people.stream().filter(p -> p.key().equals(key)).findFirst();
    }
}
