package org.civic311.console;

import jakarta.servlet.http.HttpServletResponse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.civic311.catalog.AttributeDatatype;
import org.civic311.catalog.BusinessCalendar;
import org.civic311.catalog.CalendarForm;
import org.civic311.catalog.Catalog;
import org.civic311.catalog.CatalogEditor;
import org.civic311.catalog.CatalogEditor.EntryKind;
import org.civic311.catalog.Department;
import org.civic311.catalog.DepartmentForm;
import org.civic311.catalog.Person;
import org.civic311.catalog.PersonForm;
import org.civic311.catalog.PersonRole;
import org.civic311.catalog.ServiceAttributeForm;
import org.civic311.catalog.ServiceDelivery;
import org.civic311.catalog.ServiceLevelTarget;
import org.civic311.catalog.ServiceType;
import org.civic311.catalog.ServiceTypeForm;
import org.civic311.common.InvalidInputException;
import org.civic311.common.NotFoundException;
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
 * Administrators keep the catalogue in the console: service types with their questions (everything but codes),
 * departments with their contacts and manager, the people directory, and the business calendar. Each form, refused,
 * comes back as typed with the reason, as a 400; saved, it goes to the entry's page with the record of its changes.
 */
@Controller
class CatalogueEditingScreens {

    private static final String TYPES = "/staff/admin/catalogue/types";
    private static final String DEPARTMENTS = "/staff/admin/catalogue/departments";
    private static final String PEOPLE = "/staff/admin/catalogue/people";
    private static final String CALENDAR = "/staff/admin/catalogue/calendar";

    private final Catalog catalog;
    private final CatalogEditor editor;
    private final StaffAccess access;
    private final java.time.Clock clock;

    private final org.civic311.catalog.Absences absences;

    CatalogueEditingScreens(
            Catalog catalog,
            CatalogEditor editor,
            org.civic311.catalog.Absences absences,
            StaffAccess access,
            java.time.Clock clock) {
        this.clock = clock;
        this.absences = absences;
        this.catalog = catalog;
        this.editor = editor;
        this.access = access;
    }

    /** The screens of one kind of entry: their template and where their pages are. */
    private enum Screens {
        TYPE(EntryKind.SERVICE_TYPE, "staff/service-type", TYPES),
        DEPARTMENT(EntryKind.DEPARTMENT, "staff/department", DEPARTMENTS),
        PERSON(EntryKind.PERSON, "staff/person", PEOPLE);

        final EntryKind kind;
        final String template;
        final String path;

        Screens(EntryKind kind, String template, String path) {
            this.kind = kind;
            this.template = template;
            this.path = path;
        }
    }

    /** The forms' fields as their labels name them, for refusals: "Due within must be from 1 to 366". */
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("code", "Code"),
            Map.entry("key", "Key"),
            Map.entry("name", "Name"),
            Map.entry("title", "Title"),
            Map.entry("group", "Group"),
            Map.entry("description", "Description"),
            Map.entry("keywords", "Keywords"),
            Map.entry("department", "Department"),
            Map.entry("targetAmount", "Due within"),
            Map.entry("targetUnit", "The unit of the target"),
            Map.entry("notice", "Notice"),
            Map.entry("duplicateRadius", "The distance of duplicates"),
            Map.entry("repeatThreshold", "The reports that make a repeat problem"),
            Map.entry("repeatWindowDays", "The days of a repeat problem"),
            Map.entry("repeatRadius", "The distance of a repeat problem"),
            Map.entry("delivery", "How Open311 clients are answered"),
            Map.entry("email", "Email"),
            Map.entry("phone", "Phone"),
            Map.entry("manager", "Manager"),
            Map.entry("role", "Responsible as"),
            Map.entry("week", "The week"),
            Map.entry("question", "The question"),
            Map.entry("datatype", "Its kind of answer"),
            Map.entry("choices", "Choices"),
            Map.entry("hint", "Hint"),
            Map.entry("required", "Required"),
            Map.entry("day", "The day"));

    @GetMapping({TYPES + "/new", TYPES + "/{code}"})
    String type(@PathVariable(required = false) @Nullable String code, Authentication authentication, Model model) {
        StaffMember member = access.member(authentication);
        model.addAttribute(
                "form",
                code == null
                        ? ServiceTypeForm.BLANK
                        : ServiceTypeForm.of(catalog.requireServiceType(member.jurisdictionId(), code)));
        return form(Screens.TYPE, member, code, model);
    }

    /** Adds a type, or changes the one named. */
    @PostMapping({TYPES, TYPES + "/{code}"})
    String saveType(
            @PathVariable(required = false) @Nullable String code,
            @RequestParam MultiValueMap<String, String> fields,
            Authentication authentication,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        ServiceTypeForm form = ServiceTypeForm.from(fields::getFirst);
        return save(Screens.TYPE, member, code, form, model, response, flash, () -> editor.saveServiceType(
                        member.jurisdictionId(), code, form, member.username())
                .code());
    }

    @GetMapping({TYPES + "/{code}/questions/new", TYPES + "/{code}/questions/{question}"})
    String question(
            @PathVariable String code,
            @PathVariable(required = false) @Nullable String question,
            Authentication authentication,
            Model model) {
        StaffMember member = access.member(authentication);
        ServiceType type = catalog.requireServiceType(member.jurisdictionId(), code);
        model.addAttribute(
                "form",
                question == null
                        ? ServiceAttributeForm.BLANK
                        : ServiceAttributeForm.of(type.attributes().stream()
                                .filter(q -> q.code().equals(question))
                                .findFirst()
                                .orElseThrow(() -> new NotFoundException(
                                        "service type " + code + " asks no question '" + question + "'"))));
        return question(member, code, question, model);
    }

    /** Adds a question to a type, or changes the one named. */
    @PostMapping({TYPES + "/{code}/questions", TYPES + "/{code}/questions/{question}"})
    String saveQuestion(
            @PathVariable String code,
            @PathVariable(required = false) @Nullable String question,
            @RequestParam MultiValueMap<String, String> fields,
            Authentication authentication,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        catalog.requireServiceType(member.jurisdictionId(), code);
        ServiceAttributeForm form = ServiceAttributeForm.from(fields::getFirst);
        try {
            editor.saveQuestion(member.jurisdictionId(), code, question, form, member.username());
        } catch (InvalidInputException e) {
            refused(label(e.field()) + " " + e.problem(), form, model, response);
            model.addAttribute("errorField", e.field());
            return question(member, code, question, model);
        }
        flash.addFlashAttribute(
                "message",
                question == null ? "Added: new reports of this type ask it." : "Saved: new reports ask it so.");
        return "redirect:" + TYPES + "/" + code;
    }

    @PostMapping(TYPES + "/{code}/questions/{question}/remove")
    String retireQuestion(
            @PathVariable String code,
            @PathVariable String question,
            Authentication authentication,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        editor.askQuestion(member.jurisdictionId(), code, question, false, member.username());
        flash.addFlashAttribute(
                "message", "Retired: new reports no longer ask it; answers given stay with their requests.");
        return "redirect:" + TYPES + "/" + code;
    }

    @PostMapping(TYPES + "/{code}/questions/{question}/ask")
    String askQuestionAgain(
            @PathVariable String code,
            @PathVariable String question,
            Authentication authentication,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        editor.askQuestion(member.jurisdictionId(), code, question, true, member.username());
        flash.addFlashAttribute("message", "Asked again: new reports of this type ask it.");
        return "redirect:" + TYPES + "/" + code;
    }

    /** Deletes a retired question no request answered; refused, on the question's page, otherwise. */
    @PostMapping(TYPES + "/{code}/questions/{question}/delete")
    String deleteQuestion(
            @PathVariable String code,
            @PathVariable String question,
            Authentication authentication,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        try {
            editor.deleteQuestion(member.jurisdictionId(), code, question, member.username());
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:" + TYPES + "/" + code + "/questions/" + question;
        }
        flash.addFlashAttribute("message", "Deleted: no request had answered it, and its code is free again.");
        return "redirect:" + TYPES + "/" + code;
    }

    private String question(StaffMember member, String code, @Nullable String question, Model model) {
        model.addAttribute("member", member);
        model.addAttribute("type", catalog.requireServiceType(member.jurisdictionId(), code));
        model.addAttribute("code", question);
        model.addAttribute(
                "retired",
                question != null
                        && catalog.requireServiceType(member.jurisdictionId(), code).retiredQuestions().stream()
                                .anyMatch(q -> q.code().equals(question)));
        model.addAttribute("datatypes", AttributeDatatype.values());
        return "staff/question";
    }

    @GetMapping({DEPARTMENTS + "/new", DEPARTMENTS + "/{code}"})
    String department(
            @PathVariable(required = false) @Nullable String code, Authentication authentication, Model model) {
        StaffMember member = access.member(authentication);
        model.addAttribute(
                "form",
                code == null
                        ? DepartmentForm.BLANK
                        : DepartmentForm.of(catalog.requireDepartment(member.jurisdictionId(), code)));
        return form(Screens.DEPARTMENT, member, code, model);
    }

    /** Adds a department, or changes the one named. */
    @PostMapping({DEPARTMENTS, DEPARTMENTS + "/{code}"})
    String saveDepartment(
            @PathVariable(required = false) @Nullable String code,
            @RequestParam MultiValueMap<String, String> fields,
            Authentication authentication,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        DepartmentForm form = DepartmentForm.from(fields::getFirst);
        return save(Screens.DEPARTMENT, member, code, form, model, response, flash, () -> editor.saveDepartment(
                        member.jurisdictionId(), code, form, member.username())
                .code());
    }

    /** Removes a department that nothing names (one added by mistake); refused, naming what still does, otherwise. */
    @PostMapping(DEPARTMENTS + "/{code}/remove")
    String removeDepartment(
            @PathVariable String code,
            Authentication authentication,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        Department department = catalog.requireDepartment(member.jurisdictionId(), code);
        try {
            editor.removeDepartment(member.jurisdictionId(), code, member.username());
        } catch (InvalidInputException e) {
            refused(department.name() + " " + e.problem(), DepartmentForm.of(department), model, response);
            return form(Screens.DEPARTMENT, member, code, model);
        }
        flash.addFlashAttribute("message", department.name() + " is removed.");
        return "redirect:/staff/catalogue#departments";
    }

    @GetMapping({PEOPLE + "/new", PEOPLE + "/{key}"})
    String person(@PathVariable(required = false) @Nullable String key, Authentication authentication, Model model) {
        StaffMember member = access.member(authentication);
        model.addAttribute(
                "form",
                key == null ? PersonForm.BLANK : PersonForm.of(catalog.requirePerson(member.jurisdictionId(), key)));
        return form(Screens.PERSON, member, key, model);
    }

    /** Adds someone to the directory, or changes the entry named. */
    @PostMapping({PEOPLE, PEOPLE + "/{key}"})
    String savePerson(
            @PathVariable(required = false) @Nullable String key,
            @RequestParam MultiValueMap<String, String> fields,
            Authentication authentication,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        PersonForm form = PersonForm.from(fields::getFirst);
        return save(Screens.PERSON, member, key, form, model, response, flash, () -> editor.savePerson(
                        member.jurisdictionId(), key, form, member.username())
                .key());
    }

    /** Takes someone who left out of the directory; refused while a department or a rule still needs them. */
    @PostMapping(PEOPLE + "/{key}/remove")
    String removePerson(
            @PathVariable String key,
            Authentication authentication,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        Person person = catalog.requirePerson(member.jurisdictionId(), key);
        try {
            editor.removePerson(member.jurisdictionId(), key, member.username());
        } catch (InvalidInputException e) {
            refused(person.name() + " " + e.problem(), PersonForm.of(person), model, response);
            return form(Screens.PERSON, member, key, model);
        }
        flash.addFlashAttribute("message", person.name() + " is no longer in the directory.");
        return "redirect:/staff/catalogue#directory";
    }

    /**
     * Someone away (leave, holidays) until a day, and who stands in: proposed meanwhile for the inquiries of the
     * department the absent person manages, and covering the callbacks owed in their name.
     */
    @PostMapping(PEOPLE + "/{key}/away")
    String away(
            @PathVariable String key,
            @RequestParam(defaultValue = "") String until,
            @RequestParam(defaultValue = "") String standIn,
            Authentication authentication,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        Person person = catalog.requirePerson(member.jurisdictionId(), key);
        try {
            LocalDate last;
            try {
                last = LocalDate.parse(until.strip());
            } catch (java.time.format.DateTimeParseException e) {
                throw new InvalidInputException("until", "must be a day, such as 2026-12-04");
            }
            absences.away(member.jurisdictionId(), key, last, standIn.strip(), member.username());
        } catch (InvalidInputException e) {
            refused(person.name() + ": " + e.problem(), PersonForm.of(person), model, response);
            model.addAttribute("errorField", e.field());
            return form(Screens.PERSON, member, key, model);
        }
        flash.addFlashAttribute("message", person.name() + " is away until " + until.strip() + ".");
        return "redirect:" + PEOPLE + "/" + key;
    }

    @PostMapping(PEOPLE + "/{key}/back")
    String back(@PathVariable String key, Authentication authentication, RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        Person person = catalog.requirePerson(member.jurisdictionId(), key);
        absences.back(member.jurisdictionId(), key, member.username());
        flash.addFlashAttribute("message", person.name() + " is back.");
        return "redirect:" + PEOPLE + "/" + key;
    }

    /** Hands what a person is responsible for to another (someone who left, or moved on), before removing them. */
    @PostMapping(PEOPLE + "/{key}/hand-over")
    String handOver(
            @PathVariable String key,
            @RequestParam(defaultValue = "") String to,
            Authentication authentication,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        Person person = catalog.requirePerson(member.jurisdictionId(), key);
        List<String> handed;
        try {
            if (to.isBlank()) {
                throw new InvalidInputException("to", "choose whom to hand the work to");
            }
            handed = editor.handOver(member.jurisdictionId(), key, to.strip(), member.username());
        } catch (InvalidInputException e) {
            refused(person.name() + ": " + e.problem(), PersonForm.of(person), model, response);
            return form(Screens.PERSON, member, key, model);
        }
        flash.addFlashAttribute(
                "message",
                handed.isEmpty()
                        ? "Nothing needed " + person.name() + "."
                        : "Handed over: " + String.join(", ", handed) + ".");
        return "redirect:" + PEOPLE + "/" + key;
    }

    @GetMapping(CALENDAR)
    String calendar(Authentication authentication, Model model) {
        StaffMember member = access.member(authentication);
        return calendar(
                member,
                hoursOf(catalog.resolveJurisdiction(member.jurisdictionId()).calendar()),
                model);
    }

    @PostMapping(CALENDAR + "/week")
    String saveWeek(
            @RequestParam MultiValueMap<String, String> fields,
            Authentication authentication,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        Map<String, String> typed = new java.util.HashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            for (String field : List.of(CalendarForm.opens(day), CalendarForm.closes(day))) {
                typed.put(field, fields.getFirst(field) == null ? "" : fields.getFirst(field));
            }
        }
        return onCalendar(
                member,
                typed,
                model,
                response,
                flash,
                "Saved. Targets count these hours from the next request.",
                () -> editor.saveWeek(member.jurisdictionId(), CalendarForm.week(fields::getFirst), member.username()));
    }

    @PostMapping(CALENDAR + "/holidays")
    String addHoliday(
            @RequestParam(defaultValue = "") String day,
            @RequestParam(defaultValue = "") String name,
            Authentication authentication,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        model.addAttribute("holiday", Map.of("day", day, "name", name));
        return onCalendar(
                member,
                null,
                model,
                response,
                flash,
                "Saved. No target counts that day.",
                () -> editor.saveHoliday(member.jurisdictionId(), CalendarForm.day(day), name, member.username()));
    }

    @PostMapping(CALENDAR + "/holidays/{day}/remove")
    String removeHoliday(
            @PathVariable String day,
            Authentication authentication,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        return onCalendar(
                member,
                null,
                model,
                response,
                flash,
                "Removed. It is an ordinary day again.",
                () -> editor.removeHoliday(member.jurisdictionId(), CalendarForm.day(day), member.username()));
    }

    /** Changes the calendar and goes back to its page; a refusal shows it again with what was typed, as a 400. */
    private String onCalendar(
            StaffMember member,
            @Nullable Map<String, String> typed,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash,
            String done,
            Runnable change) {
        try {
            change.run();
        } catch (InvalidInputException e) {
            refused(label(e.field()) + " " + e.problem(), null, model, response);
            return calendar(
                    member,
                    typed != null
                            ? typed
                            : hoursOf(catalog.resolveJurisdiction(member.jurisdictionId())
                                    .calendar()),
                    model);
        }
        flash.addFlashAttribute("message", done);
        return "redirect:" + CALENDAR;
    }

    private String calendar(StaffMember member, Map<String, String> hours, Model model) {
        String jurisdictionId = member.jurisdictionId();
        model.addAttribute("member", member);
        model.addAttribute("days", DayOfWeek.values());
        model.addAttribute("hours", hours);
        var jurisdiction = catalog.resolveJurisdiction(jurisdictionId);
        model.addAttribute(
                "holidays", new java.util.TreeMap<>(jurisdiction.calendar().holidays()));
        model.addAttribute(
                "holidaysRunOut",
                jurisdiction
                        .calendar()
                        .holidaysRunOut(jurisdiction.today(clock))
                        .orElse(null));
        if (!model.containsAttribute("holiday")) {
            model.addAttribute("holiday", Map.of("day", "", "name", ""));
        }
        model.addAttribute("changes", editor.changes(jurisdictionId, EntryKind.CALENDAR, null, 20));
        model.addAttribute(
                "t",
                new DepartmentScreens.LocalTimes(
                        catalog.resolveJurisdiction(jurisdictionId).timeZone()));
        return "staff/calendar";
    }

    /** The form's fields for a calendar's week: a closed day's are blank. */
    private static Map<String, String> hoursOf(BusinessCalendar calendar) {
        Map<String, String> hours = new java.util.HashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            BusinessCalendar.WorkingHours h = calendar.week().get(day);
            hours.put(CalendarForm.opens(day), h == null ? "" : h.opens().toString());
            hours.put(CalendarForm.closes(day), h == null ? "" : h.closes().toString());
        }
        return hours;
    }

    /** A form's field as its label names it, for refusals: "Due within must be from 1 to 366". */
    private static String label(String field) {
        for (String end : List.of("opens.", "closes.")) {
            if (field.startsWith(end)) {
                String day = DayOfWeek.valueOf(field.substring(end.length()))
                        .getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH);
                return day + (end.equals("opens.") ? "'s opening time" : "'s closing time");
            }
        }
        return LABELS.getOrDefault(field, field);
    }

    /**
     * Saves a form and goes to the entry's page saying so; a refusal shows the form again as typed, as a 400.
     *
     * @param saving saves the form and gives the code or key of the entry saved
     */
    private String save(
            Screens screens,
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
            refused(label(e.field()) + " " + e.problem(), form, model, response);
            model.addAttribute("errorField", e.field());
            return form(screens, member, id, model);
        }
        flash.addFlashAttribute("message", id == null ? "Added." : "Saved.");
        return "redirect:" + screens.path + "/" + saved;
    }

    /** A refused change: its page again, as a 400 with the reason, and the form as it was typed. */
    static void refused(String error, @Nullable Object form, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("error", error);
        if (form != null) {
            model.addAttribute("form", form);
        }
    }

    private String form(Screens screens, StaffMember member, @Nullable String id, Model model) {
        String jurisdictionId = member.jurisdictionId();
        model.addAttribute("member", member);
        model.addAttribute("code", id);
        model.addAttribute("departments", catalog.departments(jurisdictionId));
        model.addAttribute("people", catalog.people(jurisdictionId));
        model.addAttribute("changes", id == null ? List.of() : editor.changes(jurisdictionId, screens.kind, id, 20));
        model.addAttribute(
                "t",
                new DepartmentScreens.LocalTimes(
                        catalog.resolveJurisdiction(jurisdictionId).timeZone()));
        switch (screens) {
            case TYPE -> {
                model.addAttribute("units", ServiceLevelTarget.Unit.values());
                model.addAttribute("deliveries", ServiceDelivery.values());
                ServiceType type = id == null ? null : catalog.requireServiceType(jurisdictionId, id);
                model.addAttribute("questions", type == null ? List.of() : type.questions());
                model.addAttribute("retiredQuestions", type == null ? List.of() : type.retiredQuestions());
            }
            case PERSON -> {
                model.addAttribute("roles", PersonRole.values());
                var absence =
                        id == null ? null : absences.of(jurisdictionId, id).orElse(null);
                model.addAttribute("absence", absence);
                model.addAttribute(
                        "standInName",
                        absence == null
                                ? null
                                : catalog.person(jurisdictionId, absence.standIn())
                                        .map(Person::name)
                                        .orElse(absence.standIn()));
            }
            case DEPARTMENT -> {}
        }
        return screens.template;
    }
}
