package org.civic311.console;

import org.civic311.catalog.Catalog;
import org.civic311.common.InvalidInputException;
import org.civic311.inquiries.Inquiries;
import org.civic311.knowledge.KnowledgeBase;
import org.civic311.staff.StaffMember;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The agent's and the manager's screens: knowledge search as you type, and a person's escalations with their
 * callback deadlines, where the callback and its outcome are recorded.
 */
@Controller
class ConsoleScreens {

    private final KnowledgeBase knowledge;
    private final java.time.Clock clock;
    private final org.civic311.catalog.Absences absences;
    private final Inquiries inquiries;
    private final Catalog catalog;
    private final StaffAccess access;

    private final org.civic311.requests.RequestWork work;

    ConsoleScreens(
            KnowledgeBase knowledge,
            Inquiries inquiries,
            Catalog catalog,
            StaffAccess access,
            org.civic311.requests.RequestWork work,
            org.civic311.catalog.Absences absences,
            java.time.Clock clock) {
        this.work = work;
        this.absences = absences;
        this.clock = clock;
        this.knowledge = knowledge;
        this.inquiries = inquiries;
        this.catalog = catalog;
        this.access = access;
    }

    @GetMapping("/staff/knowledge")
    String knowledge(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable Long contact,
            Authentication authentication,
            Model model) {
        StaffMember member = access.member(authentication);
        // A caller's whole reason may come from the contact page: its opening words are searched, not refused.
        String asked = q == null ? "" : KnowledgeBase.opening(q);
        model.addAttribute("member", member);
        model.addAttribute("q", asked);
        model.addAttribute("contact", contact);
        model.addAttribute("hits", knowledge.searchedBy(member.jurisdictionId(), member.username(), asked, 10));
        model.addAttribute("today", today(member));
        // A tracking number read out by a caller is not a question: it leads to its request or inquiry.
        String number = asked.strip().replaceAll("\\s+", "");
        model.addAttribute("number", number.matches("[A-Za-z-]{0,8}\\d{4,14}") ? number : null);
        return "staff/knowledge";
    }

    /**
     * A published answer as an agent reads it to a caller: whole, with who checked it and when, and whether its check
     * is overdue. Editors work on its next version on the article's own page.
     */
    @GetMapping("/staff/knowledge/answers/{id}")
    String answer(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable Long contact,
            Authentication authentication,
            Model model) {
        StaffMember member = access.member(authentication);
        var article = knowledge.article(member.jurisdictionId(), id);
        if (article.status() != org.civic311.knowledge.ArticleStatus.PUBLISHED) {
            throw new org.civic311.common.NotFoundException("no published answer " + id);
        }
        model.addAttribute("member", member);
        model.addAttribute("article", article);
        // The way back to the search, and to the call it was made for: the agent is still on the phone.
        model.addAttribute("q", q);
        model.addAttribute("contact", contact);
        model.addAttribute(
                "published",
                knowledge.versions(id).stream()
                        .filter(v -> v.version() == article.version())
                        .findFirst()
                        .orElse(null));
        model.addAttribute("today", today(member));
        model.addAttribute(
                "t",
                new DepartmentScreens.LocalTimes(
                        catalog.resolveJurisdiction(member.jurisdictionId()).timeZone()));
        return "staff/answer";
    }

    private java.time.LocalDate today(StaffMember member) {
        return catalog.resolveJurisdiction(member.jurisdictionId()).today(clock);
    }

    /** The results alone, for htmx to swap in as the agent types. */
    @GetMapping(value = "/staff/knowledge", headers = "HX-Request=true")
    String knowledgeResults(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable Long contact,
            Authentication authentication,
            Model model) {
        knowledge(q, contact, authentication, model);
        return "staff/knowledge :: results";
    }

    /** How many escalated requests a list shows, the latest: after a storm, the rest are in the queues' overdue lists. */
    static final int ESCALATIONS_SHOWN = 200;

    /** Adds what a list shows; whether it had more. */
    static <T> boolean shown(java.util.List<T> to, java.util.List<T> read) {
        to.addAll(read.subList(0, Math.min(read.size(), ESCALATIONS_SHOWN)));
        return read.size() > ESCALATIONS_SHOWN;
    }

    @GetMapping("/staff/escalations")
    String escalations(Authentication authentication, Model model) {
        StaffMember member = access.member(authentication);
        model.addAttribute("member", member);
        // Their own callbacks, and those owed in the name of anyone they stand in for, soonest first.
        java.util.List<org.civic311.inquiries.CallbackPromise> promises = new java.util.ArrayList<>();
        if (member.personKey() != null) {
            promises.addAll(inquiries.queueOf(member.jurisdictionId(), member.personKey()));
            promises.addAll(inquiries.coveredBy(member.jurisdictionId(), member.personKey()));
        }
        promises.sort(java.util.Comparator.comparing(org.civic311.inquiries.CallbackPromise::deadline));
        model.addAttribute("promises", promises);
        model.addAttribute("covered", absences.coveredBy(member.jurisdictionId(), member.personKey()));
        // Those who oversee the callbacks see every one still owed before it breaks, not only the alerts.
        model.addAttribute("owed", member.oversees() ? inquiries.owed(member.jurisdictionId()) : java.util.List.of());
        // Every broken promise to those who oversee the callbacks; to anyone else, their own.
        model.addAttribute(
                "broken",
                inquiries.broken(member.jurisdictionId()).stream()
                        .filter(p -> member.oversees() || p.personKey().equals(member.personKey()))
                        .toList());
        model.addAttribute(
                "people",
                catalog.people(member.jurisdictionId()).stream()
                        .collect(java.util.stream.Collectors.toMap(
                                org.civic311.catalog.Person::key, org.civic311.catalog.Person::name)));
        model.addAttribute("inDirectory", member.personKey() != null);
        // Requests escalated past their target or as repeat problems: to this person, or every one to those who
        // oversee all areas.
        // Those escalated to anyone they stand in for too: the person away is not reading the list.
        java.util.List<org.civic311.requests.EscalatedRequest> escalated = new java.util.ArrayList<>();
        // Each list is read one past what is shown, so that the page says when older escalations are left out.
        boolean more = false;
        if (member.oversees()) {
            more |= shown(escalated, work.openEscalations(member.jurisdictionId(), null, ESCALATIONS_SHOWN + 1));
        } else if (member.personKey() != null) {
            more |= shown(
                    escalated,
                    work.openEscalations(member.jurisdictionId(), member.personKey(), ESCALATIONS_SHOWN + 1));
            for (var away : absences.coveredBy(member.jurisdictionId(), member.personKey())) {
                more |= shown(
                        escalated,
                        work.openEscalations(member.jurisdictionId(), away.personKey(), ESCALATIONS_SHOWN + 1));
            }
        }
        // A department's manager answers for every escalated request in its queue, the area supervisors' too.
        boolean ofDepartment = !member.oversees()
                && member.roles().contains(org.civic311.staff.Role.DEPARTMENT_MANAGER)
                && member.departmentCode() != null;
        if (ofDepartment) {
            java.util.Set<String> listed = new java.util.HashSet<>();
            escalated.forEach(e -> listed.add(e.request().publicId()));
            var ofTheirs = work.openEscalationsOfDepartment(
                    member.jurisdictionId(), member.departmentCode(), ESCALATIONS_SHOWN + 1);
            more |= ofTheirs.size() > ESCALATIONS_SHOWN;
            ofTheirs.stream()
                    .limit(ESCALATIONS_SHOWN)
                    .filter(e -> listed.add(e.request().publicId()))
                    .forEach(escalated::add);
        }
        if (!member.oversees()) {
            // Newest first, as each person's list is.
            escalated.sort(java.util.Comparator.comparing((org.civic311.requests.EscalatedRequest e) ->
                            e.escalation().at())
                    .reversed());
        }
        model.addAttribute("ofDepartment", ofDepartment);
        model.addAttribute("escalatedRequests", escalated);
        model.addAttribute("moreEscalated", more);
        model.addAttribute("escalationsShown", ESCALATIONS_SHOWN);
        model.addAttribute(
                "t",
                new DepartmentScreens.LocalTimes(
                        catalog.resolveJurisdiction(member.jurisdictionId()).timeZone()));
        return "staff/escalations";
    }

    @PostMapping("/staff/callbacks/{id}/outcome")
    String outcome(
            @PathVariable long id,
            @RequestParam String outcome,
            @RequestParam(required = false) @Nullable String share,
            @RequestParam(required = false) @Nullable String back,
            Authentication authentication,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        var promise = inquiries.recordCallback(
                member.jurisdictionId(), id, outcome, "on".equals(share), StaffAccess.acting(member));
        flash.addFlashAttribute("message", recorded(promise, member));
        // Back where it was recorded: the person's own escalations, or the inquiry a supervisor had open.
        return back != null && back.matches(INQUIRY)
                ? "redirect:/staff/inquiries/" + promise.inquiryReference()
                : "redirect:/staff/escalations";
    }

    /** What the person recording a callback is told: recorded, or added to what was recorded or withdrawn before. */
    private static String recorded(org.civic311.inquiries.CallbackPromise promise, StaffMember member) {
        String inquiry = promise.inquiryReference();
        if (member.username().equals(promise.recordedBy())) {
            return "Callback recorded for inquiry " + inquiry + " ("
                    + promise.state().name().toLowerCase(java.util.Locale.ROOT) + ").";
        }
        if (promise.state() == org.civic311.inquiries.CallbackPromise.PromiseState.WITHDRAWN) {
            return "The callback for inquiry " + inquiry
                    + " was no longer owed; what you wrote is added to its outcome.";
        }
        return promise.recordedBy() + " had already recorded this callback for inquiry " + inquiry
                + "; what you wrote is added to the outcome.";
    }

    /** An inquiry's reference, as a form names the inquiry page it was sent from. */
    private static final String INQUIRY = "Q\\d{1,12}";

    private static final java.util.regex.Pattern OUTCOME_OF =
            java.util.regex.Pattern.compile("/staff/callbacks/(\\d{1,18})/outcome");

    @ExceptionHandler(InvalidInputException.class)
    String invalid(InvalidInputException e, jakarta.servlet.http.HttpServletRequest request, RedirectAttributes flash) {
        flash.addFlashAttribute("error", Refusals.said(e));
        // The outcome as typed comes back in its box: a call's notes are not typed twice.
        var outcomeOf = OUTCOME_OF.matcher(request.getRequestURI());
        String typed = request.getParameter("outcome");
        if (outcomeOf.matches() && typed != null && !typed.isBlank()) {
            flash.addFlashAttribute("typedOutcome", typed);
            flash.addFlashAttribute("typedFor", Long.parseLong(outcomeOf.group(1)));
        }
        // Refused where it was sent from: the inquiry a supervisor had open, or the person's escalations.
        String back = request.getParameter("back");
        return back != null && back.matches(INQUIRY)
                ? "redirect:/staff/inquiries/" + back
                : "redirect:/staff/escalations";
    }
}
