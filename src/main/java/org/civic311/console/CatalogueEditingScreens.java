package org.civic311.console;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.function.Supplier;
import org.civic311.catalog.Catalog;
import org.civic311.catalog.Department;
import org.civic311.catalog.DepartmentForm;
import org.civic311.catalog.PersonForm;
import org.civic311.catalog.PersonRole;
import org.civic311.catalog.ServiceDelivery;
import org.civic311.catalog.ServiceLevelTarget;
import org.civic311.catalog.ServiceTypeForm;
import org.civic311.common.InvalidInputException;
import org.civic311.staff.StaffMember;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administrators keep the catalogue in the console: service types (everything but their code and questions),
 * departments with their contacts and manager, and the people directory. Each form, refused, comes back as typed with
 * the reason, as a 400; saved, it goes to the entry's page with the record of its changes.
 */
@Controller
class CatalogueEditingScreens {

    private static final String TYPES = "/staff/admin/catalogue/types";
    private static final String DEPARTMENTS = "/staff/admin/catalogue/departments";
    private static final String PEOPLE = "/staff/admin/catalogue/people";

    private final Catalog catalog;
    private final StaffAccess access;

    CatalogueEditingScreens(Catalog catalog, StaffAccess access) {
        this.catalog = catalog;
        this.access = access;
    }

    /** What one kind of entry's screens need: its template, its kind in the record, and where its pages are. */
    private enum Kind {
        TYPE("staff/service-type", Catalog.Entry.SERVICE_TYPE, TYPES),
        DEPARTMENT("staff/department", Catalog.Entry.DEPARTMENT, DEPARTMENTS),
        PERSON("staff/person", Catalog.Entry.PERSON, PEOPLE);

        final String template;
        final Catalog.Entry entry;
        final String path;

        Kind(String template, Catalog.Entry entry, String path) {
            this.template = template;
            this.entry = entry;
            this.path = path;
        }
    }

    @GetMapping(TYPES + "/new")
    String newType(Authentication authentication, Model model) {
        StaffMember member = access.member(authentication);
        model.addAttribute("form", ServiceTypeForm.blank(firstDepartment(member)));
        return form(Kind.TYPE, member, null, model);
    }

    @PostMapping(TYPES)
    String addType(
            @RequestParam MultiValueMap<String, String> fields,
            Authentication authentication,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        ServiceTypeForm form = ServiceTypeForm.from(fields::getFirst);
        return save(Kind.TYPE, member, null, form, model, response, flash, () -> catalog.saveServiceType(
                        member.jurisdictionId(), null, form, member.username())
                .code());
    }

    @GetMapping(TYPES + "/{code}")
    String type(@PathVariable String code, Authentication authentication, Model model) {
        StaffMember member = access.member(authentication);
        model.addAttribute("form", ServiceTypeForm.of(catalog.requireServiceType(member.jurisdictionId(), code)));
        return form(Kind.TYPE, member, code, model);
    }

    @PostMapping(TYPES + "/{code}")
    String changeType(
            @PathVariable String code,
            @RequestParam MultiValueMap<String, String> fields,
            Authentication authentication,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        catalog.requireServiceType(member.jurisdictionId(), code);
        ServiceTypeForm form = ServiceTypeForm.from(fields::getFirst);
        return save(Kind.TYPE, member, code, form, model, response, flash, () -> catalog.saveServiceType(
                        member.jurisdictionId(), code, form, member.username())
                .code());
    }

    @GetMapping(DEPARTMENTS + "/new")
    String newDepartment(Authentication authentication, Model model) {
        StaffMember member = access.member(authentication);
        model.addAttribute("form", DepartmentForm.BLANK);
        return form(Kind.DEPARTMENT, member, null, model);
    }

    @PostMapping(DEPARTMENTS)
    String addDepartment(
            @RequestParam MultiValueMap<String, String> fields,
            Authentication authentication,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        DepartmentForm form = DepartmentForm.from(fields::getFirst);
        return save(Kind.DEPARTMENT, member, null, form, model, response, flash, () -> catalog.saveDepartment(
                        member.jurisdictionId(), null, form, member.username())
                .code());
    }

    @GetMapping(DEPARTMENTS + "/{code}")
    String department(@PathVariable String code, Authentication authentication, Model model) {
        StaffMember member = access.member(authentication);
        model.addAttribute("form", DepartmentForm.of(catalog.requireDepartment(member.jurisdictionId(), code)));
        return form(Kind.DEPARTMENT, member, code, model);
    }

    @PostMapping(DEPARTMENTS + "/{code}")
    String changeDepartment(
            @PathVariable String code,
            @RequestParam MultiValueMap<String, String> fields,
            Authentication authentication,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        catalog.requireDepartment(member.jurisdictionId(), code);
        DepartmentForm form = DepartmentForm.from(fields::getFirst);
        return save(Kind.DEPARTMENT, member, code, form, model, response, flash, () -> catalog.saveDepartment(
                        member.jurisdictionId(), code, form, member.username())
                .code());
    }

    @GetMapping(PEOPLE + "/new")
    String newPerson(Authentication authentication, Model model) {
        StaffMember member = access.member(authentication);
        model.addAttribute("form", PersonForm.blank(firstDepartment(member)));
        return form(Kind.PERSON, member, null, model);
    }

    @PostMapping(PEOPLE)
    String addPerson(
            @RequestParam MultiValueMap<String, String> fields,
            Authentication authentication,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        PersonForm form = PersonForm.from(fields::getFirst);
        return save(Kind.PERSON, member, null, form, model, response, flash, () -> catalog.savePerson(
                        member.jurisdictionId(), null, form, member.username())
                .key());
    }

    @GetMapping(PEOPLE + "/{key}")
    String person(@PathVariable String key, Authentication authentication, Model model) {
        StaffMember member = access.member(authentication);
        model.addAttribute("form", PersonForm.of(catalog.requirePerson(member.jurisdictionId(), key)));
        return form(Kind.PERSON, member, key, model);
    }

    @PostMapping(PEOPLE + "/{key}")
    String changePerson(
            @PathVariable String key,
            @RequestParam MultiValueMap<String, String> fields,
            Authentication authentication,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        catalog.requirePerson(member.jurisdictionId(), key);
        PersonForm form = PersonForm.from(fields::getFirst);
        return save(Kind.PERSON, member, key, form, model, response, flash, () -> catalog.savePerson(
                        member.jurisdictionId(), key, form, member.username())
                .key());
    }

    /**
     * Saves a form and goes to the entry's page saying so; a refusal shows the form again as typed, as a 400.
     *
     * @param saving saves the form and gives the code or key of the entry saved
     */
    private String save(
            Kind kind,
            StaffMember member,
            @Nullable String id,
            Object form,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash,
            Supplier<String> saving) {
        String saved;
        try {
            saved = saving.get();
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", e.getMessage());
            model.addAttribute("form", form);
            return form(kind, member, id, model);
        }
        flash.addFlashAttribute("message", id == null ? "Added." : "Saved.");
        return "redirect:" + kind.path + "/" + saved;
    }

    private String form(Kind kind, StaffMember member, @Nullable String id, Model model) {
        String jurisdictionId = member.jurisdictionId();
        model.addAttribute("member", member);
        model.addAttribute("code", id);
        model.addAttribute("departments", catalog.departments(jurisdictionId));
        model.addAttribute("people", catalog.people(jurisdictionId));
        model.addAttribute("changes", id == null ? List.of() : catalog.changes(jurisdictionId, kind.entry, id, 20));
        model.addAttribute(
                "t",
                new DepartmentScreens.LocalTimes(
                        catalog.resolveJurisdiction(jurisdictionId).timeZone()));
        switch (kind) {
            case TYPE -> {
                model.addAttribute("units", ServiceLevelTarget.Unit.values());
                model.addAttribute("deliveries", ServiceDelivery.values());
                model.addAttribute(
                        "questions",
                        id == null
                                ? List.of()
                                : catalog.requireServiceType(jurisdictionId, id).attributes());
            }
            case PERSON -> model.addAttribute("roles", PersonRole.values());
            case DEPARTMENT -> {}
        }
        return kind.template;
    }

    private String firstDepartment(StaffMember member) {
        List<Department> departments = catalog.departments(member.jurisdictionId());
        return departments.isEmpty() ? "" : departments.getFirst().code();
    }
}
