package org.civic311.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.civic311.catalog.Absences;
import org.civic311.catalog.Catalog;
import org.civic311.catalog.Department;
import org.civic311.catalog.Person;
import org.civic311.common.InvalidInputException;
import org.civic311.contacts.Contact;
import org.civic311.contacts.ContactLink;
import org.civic311.contacts.Contacts;
import org.civic311.inquiries.CallbackPromise;
import org.civic311.inquiries.ContactChannel;
import org.civic311.inquiries.Inquiries;
import org.civic311.inquiries.Inquiry;
import org.civic311.inquiries.NewInquiry;
import org.civic311.staff.StaffMember;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * The agent's inquiry screens: log the question the knowledge base could not answer, escalate it to a named person
 * with a callback promise (and the words to read out to the caller), and work the follow-ups that come back.
 */
@Controller
class InquiryScreens {

    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("h:mm a", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH);

    private final Inquiries inquiries;
    private final Contacts contacts;
    private final Catalog catalog;
    private final StaffAccess access;
    private final java.time.Clock clock;

    private final Absences absences;
    private final org.civic311.triage.Triage triage;
    private final org.civic311.staff.StaffDirectory directory;

    InquiryScreens(
            Inquiries inquiries,
            Contacts contacts,
            Catalog catalog,
            Absences absences,
            StaffAccess access,
            org.civic311.triage.Triage triage,
            org.civic311.staff.StaffDirectory directory,
            java.time.Clock clock) {
        this.directory = directory;
        this.absences = absences;
        this.triage = triage;
        this.inquiries = inquiries;
        this.contacts = contacts;
        this.catalog = catalog;
        this.access = access;
        this.clock = clock;
    }

    /** What the agent types into the new inquiry form, kept when the form comes back with an error. */
    record InquiryForm(
            String question,
            String callerName,
            String callerPhone,
            String callerEmail,
            boolean consent,
            String preferredChannel,
            String department,
            @Nullable Long contact) {}

    /**
     * An agent's open inquiries and follow-ups: one's own, or, for those who oversee them, any agent's, so that the work
     * of someone away or gone is done.
     */
    @GetMapping("/staff/inquiries")
    String mine(@RequestParam(required = false) @Nullable String owner, Authentication authentication, Model model) {
        StaffMember member = access.member(authentication);
        String whose = owner == null || owner.isBlank() ? member.username() : owner.strip();
        if (!StaffAccess.acting(member).mayReadFollowUpsOf(whose)) {
            throw new org.springframework.security.access.AccessDeniedException(
                    member.username() + " may not read the inquiries of " + whose);
        }
        model.addAttribute("member", member);
        model.addAttribute("owner", whose.equals(member.username()) ? null : whose);
        model.addAttribute("overdue", false);
        model.addAttribute("oversees", StaffAccess.acting(member).oversees());
        model.addAttribute("inquiries", inquiries.openInquiriesOf(member.jurisdictionId(), whose));
        followUps(model, member, inquiries.followUpsOf(member.jurisdictionId(), whose));
        model.addAttribute("now", clock.instant());
        model.addAttribute("t", times(member));
        return "staff/inquiries";
    }

    /**
     * The follow-ups, each with its inquiry: whom to call, at what number, and what the department's callback said,
     * so that the agent makes the call from the list.
     */
    private void followUps(Model model, StaffMember member, List<org.civic311.inquiries.FollowUp> followUps) {
        model.addAttribute("followUps", followUps);
        java.util.Map<String, org.civic311.inquiries.Inquiry> about = new java.util.HashMap<>();
        for (var followUp : followUps) {
            about.computeIfAbsent(
                    followUp.inquiryReference(), reference -> inquiries.find(member.jurisdictionId(), reference));
        }
        model.addAttribute("followUpInquiries", about);
        // Whose callback it was, by name: the agent calling the resident back says who called them.
        java.util.Map<String, String> names = new java.util.HashMap<>();
        catalog.people(member.jurisdictionId()).forEach(person -> names.put(person.key(), person.name()));
        model.addAttribute("personNames", names);
    }

    /** Every agent's overdue follow-ups, for those who oversee them: the dashboard's count, as a list to work. */
    @GetMapping("/staff/inquiries/overdue")
    String overdue(Authentication authentication, Model model) {
        StaffMember member = access.member(authentication);
        if (!StaffAccess.acting(member).oversees()) {
            throw new org.springframework.security.access.AccessDeniedException(
                    member.username() + " does not oversee follow-ups");
        }
        model.addAttribute("member", member);
        model.addAttribute("overdue", true);
        model.addAttribute("oversees", true);
        model.addAttribute("inquiries", List.of());
        followUps(model, member, inquiries.overdueFollowUps(member.jurisdictionId()));
        model.addAttribute("now", clock.instant());
        model.addAttribute("t", times(member));
        return "staff/inquiries";
    }

    @GetMapping("/staff/inquiries/new")
    String newInquiry(
            @RequestParam(required = false) @Nullable String question,
            @RequestParam(required = false) @Nullable Long contact,
            Authentication authentication,
            Model model) {
        StaffMember member = access.member(authentication);
        String name = "";
        String phone = "";
        boolean consent = false;
        if (contact != null) {
            // An inquiry logged during a call starts from what the agent already has of the caller.
            Contact call = contacts.find(member.jurisdictionId(), contact);
            if (!call.agent().equals(member.username())) {
                throw new org.springframework.security.access.AccessDeniedException(
                        "contact " + contact + " is " + call.agent() + "'s");
            }
            name = call.callerName() == null ? "" : call.callerName();
            phone = call.callerPhone() == null ? "" : call.callerPhone();
            consent = call.consent();
            // The knowledge search hands on the opening words it searched: the caller's whole reason, as the call
            // keeps it, is what the department is asked.
            if (question != null && call.reason() != null && call.reason().startsWith(question.strip())) {
                question = call.reason();
            }
        }
        return form(
                member,
                new InquiryForm(question == null ? "" : question, name, phone, "", consent, "PHONE", "", contact),
                null,
                model);
    }

    @PostMapping("/staff/inquiries")
    String open(
            @RequestParam(defaultValue = "") String question,
            @RequestParam(defaultValue = "") String callerName,
            @RequestParam(defaultValue = "") String callerPhone,
            @RequestParam(defaultValue = "") String callerEmail,
            @RequestParam(required = false) @Nullable String consent,
            @RequestParam(defaultValue = "PHONE") String preferredChannel,
            @RequestParam(defaultValue = "") String department,
            @RequestParam(required = false) @Nullable Long contact,
            @RequestParam(required = false) @Nullable String submission,
            @RequestParam(required = false) @Nullable String notAnEmergency,
            Authentication authentication,
            Model model) {
        StaffMember member = access.member(authentication);
        // The form's own key: sent twice (a second click), it logs one inquiry; kept if the form comes back refused.
        String key = org.civic311.common.FormKeys.of(submission);
        if (key != null) {
            model.addAttribute("submission", key);
        }
        InquiryForm form = new InquiryForm(
                question, callerName, callerPhone, callerEmail, consent != null, preferredChannel, department, contact);
        if (contact != null) {
            // Checked before anything is stored, so a refused link leaves no inquiry behind.
            Contact call = contacts.find(member.jurisdictionId(), contact);
            if (!call.agent().equals(member.username())) {
                throw new org.springframework.security.access.AccessDeniedException(
                        "contact " + contact + " is " + call.agent() + "'s");
            }
        }
        // A question asked of 311 may be an emergency put as one ("I smell gas, who do I call?"): the caller is sent
        // to 911, not promised a callback hours away, unless the agent who spoke with them judges otherwise.
        var screened = triage.screen(question);
        if (screened.emergency() != null && notAnEmergency == null) {
            model.addAttribute("emergency", screened.guidance());
            return form(member, form, null, model);
        }
        try {
            Inquiry inquiry = inquiries.open(
                    member.jurisdictionId(),
                    new NewInquiry(
                            question,
                            callerName,
                            callerPhone,
                            callerEmail,
                            consent != null,
                            channel("preferredChannel", preferredChannel),
                            department.isBlank() ? null : department),
                    member.username(),
                    key == null ? null : "form:" + key);
            if (contact != null) {
                contacts.link(
                        member.jurisdictionId(),
                        contact,
                        new ContactLink(ContactLink.Kind.INQUIRY, inquiry.reference()),
                        member.username());
            }
            return "redirect:/staff/inquiries/" + UriUtils.encodePathSegment(inquiry.reference(), "UTF-8");
        } catch (InvalidInputException e) {
            return form(member, form, e.getMessage(), model);
        }
    }

    @GetMapping("/staff/inquiries/{reference}")
    String inquiry(@PathVariable String reference, Authentication authentication, Model model) {
        StaffMember member = access.member(authentication);
        Inquiry inquiry = inquiries.find(member.jurisdictionId(), reference);
        List<Person> people = catalog.people(member.jurisdictionId());
        // The responsible department's manager is who an agent normally escalates to; their stand-in while away.
        Person manager = inquiry.departmentCode() == null
                ? null
                : catalog.department(member.jurisdictionId(), inquiry.departmentCode())
                        .map(Department::managerKey)
                        .flatMap(key -> catalog.person(member.jurisdictionId(), key))
                        .orElse(null);
        var away = manager == null
                ? Optional.<Absences.Absence>empty()
                : absences.of(member.jurisdictionId(), manager.key());
        Person suggested = away.flatMap(a -> catalog.person(member.jurisdictionId(), a.standIn()))
                .orElse(manager);
        model.addAttribute(
                "away",
                away.isEmpty() || suggested == null
                        ? null
                        : manager.name() + " is away until " + away.get().until() + ": " + suggested.name()
                                + " stands in.");
        model.addAttribute("member", member);
        model.addAttribute("inquiry", inquiry);
        model.addAttribute("people", people);
        // How many callbacks each already owes: an agent sees whom they would pile another on.
        model.addAttribute(
                "owedBy",
                inquiries.owed(member.jurisdictionId()).stream()
                        .collect(java.util.stream.Collectors.groupingBy(
                                org.civic311.inquiries.CallbackPromise::personKey,
                                java.util.stream.Collectors.counting())));
        // Who can open the escalation in the console: a person without an account hears of it by email alone, and
        // their callbacks are recorded for them.
        model.addAttribute(
                "withAccount",
                directory.members(member.jurisdictionId()).stream()
                        .filter(m -> m.personKey() != null)
                        .map(org.civic311.staff.StaffMember::personKey)
                        .collect(java.util.stream.Collectors.toSet()));
        model.addAttribute("suggested", suggested == null ? "" : suggested.key());
        // Said, not filled in: a deadline filled in would hold for whoever the agent then chooses instead.
        model.addAttribute(
                "usualDeadline",
                suggested == null
                        ? null
                        : suggested.name() + ", " + byWhen(member, inquiries.usualDeadline(suggested)));
        model.addAttribute(
                "promises",
                inquiry.promises().stream()
                        .map(p -> new PromiseView(p, personName(member, p.personKey()), readOut(member, p)))
                        .toList());
        model.addAttribute(
                "departmentName",
                inquiry.departmentCode() == null
                        ? "not known"
                        : catalog.department(member.jurisdictionId(), inquiry.departmentCode())
                                .map(Department::name)
                                .orElse(inquiry.departmentCode()));
        model.addAttribute("t", times(member));
        return "staff/inquiry";
    }

    /** A promise as the inquiry page shows it, with the sentence the agent reads out to the caller. */
    record PromiseView(CallbackPromise promise, String personName, String readOut) {}

    @PostMapping("/staff/inquiries/{reference}/escalations")
    String escalate(
            @PathVariable String reference,
            @RequestParam(defaultValue = "") String person,
            @RequestParam(defaultValue = "") String deadline,
            @RequestParam(defaultValue = "") String channel,
            @RequestParam(defaultValue = "") String fallbackContact,
            @RequestParam(defaultValue = "") String outsideHours,
            Authentication authentication,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        String back = "redirect:/staff/inquiries/" + UriUtils.encodePathSegment(reference, "UTF-8");
        try {
            if (person.isBlank()) {
                throw new InvalidInputException("person", "is required: choose whom to escalate to");
            }
            Instant due = deadline.isBlank() ? null : deadline(member, deadline);
            var jurisdiction = catalog.resolveJurisdiction(member.jurisdictionId());
            if (due != null
                    && due.isAfter(clock.instant())
                    // Promised knowingly: the time the agent was warned about, not any other chosen since.
                    && !outsideHours.equals(deadline.strip())
                    && !jurisdiction.calendar().isWorkingTime(due, jurisdiction.timeZone())) {
                // A callback promised for a Saturday or 10 pm is one the person is not at work to make: broken
                // before it is due, with the caller waiting. Said once; sent again, it is the agent's choice.
                flash.addFlashAttribute("outsideHoursAsked", true);
                throw new InvalidInputException(
                        "deadline",
                        "falls outside the city's working hours ("
                                + java.time.format.DateTimeFormatter.ofPattern("EEEE d MMMM, HH:mm", Locale.ENGLISH)
                                        .format(due.atZone(jurisdiction.timeZone()))
                                + "), when the person may not be at work to call back. Choose a time in working"
                                + " hours, or promise it anyway");
            }
            CallbackPromise promise = inquiries.escalate(
                    member.jurisdictionId(),
                    reference,
                    person,
                    due,
                    channel.isBlank() ? null : channel("channel", channel),
                    fallbackContact,
                    member.username());
            flash.addFlashAttribute("readOut", readOut(member, promise));
        } catch (InvalidInputException e) {
            // Sent twice (a double click, a slow answer): the promise the first made is read out again, not refused.
            var owed = inquiries.find(member.jurisdictionId(), reference).promises().stream()
                    .filter(p -> p.personKey().equals(person.strip())
                            && p.calledBackAt() == null
                            && p.withdrawnAt() == null
                            && p.promisedBy().equals(member.username()))
                    .findFirst();
            if (owed.isPresent() && "person".equals(e.field())) {
                flash.addFlashAttribute("readOut", readOut(member, owed.get()));
                return back;
            }
            flash.addFlashAttribute("error", e.getMessage());
            flash.addFlashAttribute("errorField", e.field());
            // The promise as the agent was making it: a wrong deadline is corrected, not the person chosen again.
            flash.addFlashAttribute(
                    "typedEscalation",
                    java.util.Map.of(
                            "person", person,
                            "deadline", deadline,
                            "channel", channel,
                            "fallbackContact", fallbackContact));
        }
        return back;
    }

    /** Closes an inquiry that needs no callback, with what became of it. */
    @PostMapping("/staff/inquiries/{reference}/close")
    String close(
            @PathVariable String reference,
            @RequestParam(defaultValue = "") String resolution,
            Authentication authentication,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        try {
            inquiries.close(member.jurisdictionId(), reference, resolution, StaffAccess.acting(member));
            flash.addFlashAttribute("message", "Inquiry " + reference + " is closed.");
            return "redirect:/staff/inquiries";
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:/staff/inquiries/" + UriUtils.encodePathSegment(reference, "UTF-8");
        }
    }

    /** Withdraws a callback promise the caller no longer needs, saying why. */
    @PostMapping("/staff/inquiries/{reference}/promises/{id}/withdraw")
    String withdrawPromise(
            @PathVariable String reference,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String reason,
            Authentication authentication,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        try {
            inquiries.withdrawPromise(member.jurisdictionId(), reference, id, reason, StaffAccess.acting(member));
            flash.addFlashAttribute("message", "The promise is withdrawn: nobody owes the caller that callback now.");
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/staff/inquiries/" + UriUtils.encodePathSegment(reference, "UTF-8");
    }

    @PostMapping("/staff/followups/{id}/complete")
    String completeFollowUp(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable String reached,
            @RequestParam(defaultValue = "") String resolution,
            @RequestParam(defaultValue = "") String satisfaction,
            Authentication authentication,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        try {
            Inquiry inquiry = inquiries.completeFollowUp(
                    member.jurisdictionId(),
                    id,
                    reached != null,
                    resolution,
                    satisfaction(satisfaction),
                    StaffAccess.acting(member));
            flash.addFlashAttribute("message", "Inquiry " + inquiry.reference() + " is closed.");
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/staff/inquiries";
    }

    private String form(StaffMember member, InquiryForm form, @Nullable String error, Model model) {
        model.addAttribute("member", member);
        model.addAttribute("form", form);
        model.addAttribute("error", error);
        model.addAttribute("departments", catalog.departments(member.jurisdictionId()));
        if (!model.containsAttribute("submission")) {
            model.addAttribute("submission", org.civic311.common.FormKeys.fresh());
        }
        return "staff/inquiry-new";
    }

    /** "Jane Marchetti will call you back by 2:00 pm today. If you need to reach them first: 416-392-0001." */
    private String readOut(StaffMember member, CallbackPromise promise) {
        String how =
                switch (promise.channel()) {
                    case PHONE -> "call you back";
                    case EMAIL -> "answer you by email";
                    case SMS -> "answer you by text message";
                };
        String by = byWhen(member, promise.deadline());
        if (promise.callerContact() == null) {
            // Nothing to call back: the caller is the one who calls, and the person expects them.
            return "Please contact " + personName(member, promise.personKey()) + " at " + promise.fallbackContact()
                    + " by " + by + ": they expect your call about this question.";
        }
        return personName(member, promise.personKey()) + " will " + how + " by " + by
                + ". If you need to reach them first: " + promise.fallbackContact() + ".";
    }

    /** "2:00 pm today", "9:30 am tomorrow", "4:00 pm on Monday 18 November". */
    private String byWhen(StaffMember member, Instant at) {
        ZoneId zone = zone(member);
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        LocalDate day = LocalDate.ofInstant(at, zone);
        String when =
                day.equals(today) ? "today" : day.equals(today.plusDays(1)) ? "tomorrow" : "on " + DAY.format(day);
        return CLOCK_TIME.format(at.atZone(zone)).toLowerCase(Locale.ENGLISH) + " " + when;
    }

    private String personName(StaffMember member, String key) {
        return catalog.person(member.jurisdictionId(), key)
                .map(p -> p.name() + ", " + p.title())
                .orElse(key);
    }

    /** The caller could not be reached: tried again at the time chosen, see {@link Inquiries#retryFollowUp}. */
    @PostMapping("/staff/followups/{id}/retry")
    String retryFollowUp(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String retryAt,
            @RequestParam(defaultValue = "") String attempt,
            Authentication authentication,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        try {
            if (retryAt.isBlank()) {
                throw new InvalidInputException("retryAt", "is required: choose when to try the caller again");
            }
            var followUp = inquiries.retryFollowUp(
                    member.jurisdictionId(), id, at("retryAt", member, retryAt), attempt, StaffAccess.acting(member));
            flash.addFlashAttribute(
                    "message",
                    "Inquiry " + followUp.inquiryReference() + ": try the caller again "
                            + times(member).format(followUp.dueAt()) + ".");
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/staff/inquiries";
    }

    private Instant at(String field, StaffMember member, String value) {
        try {
            return LocalDateTime.parse(value.strip()).atZone(zone(member)).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be a date and time like 2026-11-18T14:00");
        }
    }

    private Instant deadline(StaffMember member, String value) {
        return at("deadline", member, value);
    }

    private static @Nullable Integer satisfaction(String value) {
        if (value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("satisfaction", "must be from 1 to 5");
        }
    }

    private static ContactChannel channel(String field, String value) {
        try {
            return ContactChannel.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "must be PHONE, EMAIL or SMS");
        }
    }

    private ZoneId zone(StaffMember member) {
        return catalog.resolveJurisdiction(member.jurisdictionId()).timeZone();
    }

    private DepartmentScreens.LocalTimes times(StaffMember member) {
        return new DepartmentScreens.LocalTimes(zone(member));
    }
}
