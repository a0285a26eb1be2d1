package org.civic311.console;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.civic311.catalog.Catalog;
import org.civic311.catalog.ServiceAttribute;
import org.civic311.common.InvalidInputException;
import org.civic311.contacts.Contact;
import org.civic311.contacts.ContactKind;
import org.civic311.contacts.ContactLink;
import org.civic311.contacts.Contacts;
import org.civic311.contacts.WrapUpCode;
import org.civic311.inquiries.Inquiries;
import org.civic311.requests.Actor;
import org.civic311.requests.Channel;
import org.civic311.requests.EmergencyException;
import org.civic311.requests.Location;
import org.civic311.requests.NewServiceRequest;
import org.civic311.requests.PlaceHistory;
import org.civic311.requests.Reporter;
import org.civic311.requests.RequestWork;
import org.civic311.requests.ServiceRequests;
import org.civic311.requests.SubmittedRequest;
import org.civic311.staff.StaffMember;
import org.civic311.triage.Triage;
import org.civic311.triage.TriageResult;
import org.jspecify.annotations.Nullable;
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
 * The agent's call screen: a contact is started when the call is taken, the reason typed as the caller talks brings
 * triage's suggestions, a service request is filed on the caller's behalf (with the type's questions, address
 * suggestions, and nearby duplicates and repeat problems shown before saving), and the contact is wrapped up with a
 * code and its duration.
 */
@Controller
class ContactScreens {

    static final int ADDRESS_SUGGESTIONS = 8;

    /** How many of a caller's earlier requests and inquiries the call screen lists. */
    static final int CALLER_HISTORY = 10;

    private final Contacts contacts;
    private final Triage triage;
    private final Catalog catalog;
    private final ServiceRequests requests;
    private final RequestWork work;
    private final Inquiries inquiries;
    private final StaffAccess access;
    private final Clock clock;
    private final org.springframework.transaction.support.TransactionTemplate transaction;

    ContactScreens(
            Contacts contacts,
            Triage triage,
            Catalog catalog,
            ServiceRequests requests,
            RequestWork work,
            Inquiries inquiries,
            StaffAccess access,
            Clock clock,
            org.springframework.transaction.support.TransactionTemplate transaction) {
        this.transaction = transaction;
        this.contacts = contacts;
        this.triage = triage;
        this.catalog = catalog;
        this.requests = requests;
        this.work = work;
        this.inquiries = inquiries;
        this.access = access;
        this.clock = clock;
    }

    @GetMapping("/staff/contacts")
    String recent(Authentication authentication, Model model) {
        StaffMember member = access.member(authentication);
        model.addAttribute("member", member);
        model.addAttribute("contacts", contacts.recentOf(member.jurisdictionId(), member.username(), 50));
        // A key per button: a second click on one starts nothing more; the other starts its own contact.
        model.addAttribute("callKey", org.civic311.common.FormKeys.fresh());
        model.addAttribute("walkInKey", org.civic311.common.FormKeys.fresh());
        model.addAttribute("now", clock.instant());
        model.addAttribute("t", times(member));
        return "staff/contacts";
    }

    @PostMapping("/staff/contacts")
    String start(
            @RequestParam(defaultValue = "PHONE_CALL") String kind,
            @RequestParam(required = false) @Nullable String submission,
            Authentication authentication) {
        StaffMember member = access.member(authentication);
        ContactKind contactKind;
        try {
            contactKind = ContactKind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("kind", "must be PHONE_CALL or WALK_IN");
        }
        Contact contact = contacts.start(
                member.jurisdictionId(), contactKind, member.username(), org.civic311.common.FormKeys.of(submission));
        return "redirect:/staff/contacts/" + contact.id();
    }

    @GetMapping("/staff/contacts/{id}")
    String contact(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable String service,
            Authentication authentication,
            Model model) {
        StaffMember member = access.member(authentication);
        Contact contact = own(member, id);
        model.addAttribute("member", member);
        model.addAttribute("contact", contact);
        model.addAttribute("now", clock.instant());
        model.addAttribute("t", times(member));
        model.addAttribute("wrapUpCodes", WrapUpCode.values());
        model.addAttribute(
                "likelyWrapUp",
                contact.links().stream().anyMatch(l -> l.kind() == org.civic311.contacts.ContactLink.Kind.INQUIRY)
                        ? WrapUpCode.INQUIRY_LOGGED.name()
                        : contact.links().isEmpty() ? "" : WrapUpCode.REQUEST_CREATED.name());
        // What the caller reported or asked before, by the number they gave: "I called about this last week".
        // Reporters' details are 311's and their own department's to read, so others see none of it.
        boolean history = member.canRoute() && contact.callerPhone() != null;
        // The line, not the desk: "416-555-0101 x23" called before as 416-555-0101.
        model.addAttribute(
                "earlierRequests",
                history
                        ? work.reportedFromPhone(member.jurisdictionId(), contact.callerPhone(), CALLER_HISTORY)
                        : List.of());
        model.addAttribute(
                "earlierInquiries",
                history
                        ? inquiries.ofCallerPhone(member.jurisdictionId(), contact.callerPhone(), CALLER_HISTORY)
                        : List.of());
        model.addAttribute("submission", org.civic311.common.FormKeys.fresh());
        TriageResult assessed = contact.reason() == null ? null : assess(member, contact.reason());
        model.addAttribute("triage", assessed);
        var typed = TypedFiling.in(model);
        String chosen = service != null
                ? service
                : TypedFiling.field(
                        typed,
                        "service",
                        assessed != null && !assessed.suggestions().isEmpty()
                                ? assessed.suggestions().getFirst().serviceCode()
                                : "");
        model.addAttribute("service", chosen);
        model.addAttribute("serviceTypes", catalog.activeServiceTypes(member.jurisdictionId()));
        model.addAttribute("questions", catalog.questions(member.jurisdictionId(), chosen));
        String address = TypedFiling.field(
                typed,
                "address",
                assessed != null && assessed.address() != null
                        ? assessed.address().text()
                        : "");
        model.addAttribute("address", address);
        // The type and the place already known (a suggestion chosen, an address heard): the repeat and duplicate
        // warnings are there when the form opens, not after the agent touches a field.
        if (contact.isOpen() && !chosen.isBlank() && !address.isBlank()) {
            try {
                model.addAttribute("place", placeHistory(member, chosen, address));
            } catch (InvalidInputException e) {
                // An address the form refuses (a number typed into it) is said by the refusal; the page still opens.
            }
        }
        return "staff/contact";
    }

    /** Triage of what the agent typed, swapped in as they type: emergency banner, suggested types, address found. */
    @GetMapping("/staff/contacts/{id}/triage")
    String triage(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String reason,
            Authentication authentication,
            Model model) {
        StaffMember member = access.member(authentication);
        model.addAttribute("contact", own(member, id));
        model.addAttribute("triage", reason.isBlank() ? null : assess(member, reason));
        return "staff/contact :: triage";
    }

    /** The chosen type's questions, swapped into a request form when the type changes. */
    @GetMapping("/staff/questions")
    String questions(@RequestParam(defaultValue = "") String service, Authentication authentication, Model model) {
        StaffMember member = access.member(authentication);
        model.addAttribute("questions", catalog.questions(member.jurisdictionId(), service));
        return "staff/contact :: questions";
    }

    /** Addresses of the city's address data that begin as typed, as options for the address field. */
    @GetMapping("/staff/addresses")
    String addresses(@RequestParam(defaultValue = "") String address, Authentication authentication, Model model) {
        StaffMember member = access.member(authentication);
        model.addAttribute(
                "addresses", triage.addressesStartingWith(member.jurisdictionId(), address, ADDRESS_SUGGESTIONS));
        return "staff/contact :: addresses";
    }

    private String inFormWords(StaffMember member, String service, InvalidInputException e) {
        String field = e.field();
        String label = field.startsWith(ServiceAttribute.ANSWERS)
                ? catalog.questions(member.jurisdictionId(), service).stream()
                        .filter(q -> field.equals(ServiceAttribute.ANSWERS + q.code()))
                        .map(ServiceAttribute::description)
                        .findFirst()
                        .orElse(field)
                : FILING_FIELDS.getOrDefault(field, field);
        return label + " " + e.problem();
    }

    /** The request form's fields as its labels name them. */
    private static final Map<String, String> FILING_FIELDS = Map.of(
            "service", "Type of problem",
            "address", "Address or intersection",
            "location", "Address or intersection",
            "description", "Description",
            "email", "Caller's email");

    /** The agent's own contact, still open: the only one they file or link requests from. */
    private Contact openContactOf(StaffMember member, long id) {
        Contact contact = own(member, id);
        if (!contact.agent().equals(member.username()) || !contact.isOpen()) {
            throw new InvalidInputException("contact", "is not an open contact of yours");
        }
        return contact;
    }

    /** The agent, acting through the call or the counter the contact came by. */
    private static Actor actor(StaffMember member, Contact contact) {
        return new Actor(member.username(), contact.kind() == ContactKind.WALK_IN ? "walk-in" : "phone");
    }

    /** The caller form's fields as its labels name them. */
    private static final Map<String, String> CALLER_FIELDS = Map.of(
            "reason", "Why the caller is calling",
            "callerName", "The caller's name",
            "callerPhone", "The caller's phone",
            "consent", "The caller's name and number");

    @GetMapping("/staff/contacts/{id}/place")
    String place(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String service,
            @RequestParam(defaultValue = "") String address,
            Authentication authentication,
            Model model) {
        StaffMember member = access.member(authentication);
        model.addAttribute("place", placeHistory(member, service, address));
        model.addAttribute("address", address);
        model.addAttribute("contact", own(member, id));
        return "staff/contact :: place";
    }

    @PostMapping("/staff/contacts/{id}")
    String describe(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam(defaultValue = "") String callerName,
            @RequestParam(defaultValue = "") String callerPhone,
            @RequestParam(required = false) @Nullable String consent,
            @RequestParam(required = false) @Nullable String service,
            @RequestParam(required = false) @Nullable String next,
            Authentication authentication,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        try {
            contacts.describe(
                    member.jurisdictionId(), id, reason, callerName, callerPhone, consent != null, member.username());
        } catch (InvalidInputException e) {
            return refusedCaller(id, e, reason, callerName, callerPhone, consent, flash);
        }
        // The knowledge base or an inquiry, opened with the reason just saved: nothing typed is left behind.
        if ("knowledge".equals(next)) {
            return withTheReason("/staff/knowledge", "q", reason, id);
        }
        if ("inquiry".equals(next)) {
            return withTheReason("/staff/inquiries/new", "question", reason, id);
        }
        // A suggested type chosen: the request form opens on it.
        if (service != null && service.matches("[A-Za-z0-9_.-]{1,64}")) {
            flash.addAttribute("service", service);
        }
        return "redirect:/staff/contacts/" + id;
    }

    /** Said in the form's words, on the field at fault, with everything typed kept to correct it. */
    private static String refusedCaller(
            long id,
            InvalidInputException refused,
            String reason,
            String callerName,
            String callerPhone,
            @Nullable String consent,
            RedirectAttributes flash) {
        flash.addFlashAttribute(
                "error", CALLER_FIELDS.getOrDefault(refused.field(), refused.field()) + " " + refused.problem());
        flash.addFlashAttribute("errorField", refused.field());
        flash.addFlashAttribute(
                "typedCaller",
                Map.of(
                        "reason", reason,
                        "callerName", callerName,
                        "callerPhone", callerPhone,
                        "consent", String.valueOf(consent != null)));
        return "redirect:/staff/contacts/" + id;
    }

    /**
     * Every character of the reason but letters and digits is encoded: a "+" would be read back as a space, and words
     * in braces would be expanded by the redirect as a URI template's variables.
     */
    static String withTheReason(String page, String parameter, String reason, long contact) {
        return "redirect:" + page + "?" + parameter + "="
                + org.springframework.web.util.UriUtils.encode(reason.strip(), java.nio.charset.StandardCharsets.UTF_8)
                + "&contact=" + contact;
    }

    /** Files a service request on the caller's behalf and links it to the contact. */
    @PostMapping("/staff/contacts/{id}/requests")
    String fileRequest(
            @PathVariable long id,
            @RequestParam MultiValueMap<String, String> form,
            Authentication authentication,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        Contact contact = openContactOf(member, id);
        String service = first(form, "service");
        String address = first(form, "address");
        try {
            if (service.isBlank()) {
                throw new InvalidInputException("service", "is required: choose the type of problem");
            }
            Location place = requests.placed(
                    member.jurisdictionId(), new Location(null, null, address.isBlank() ? null : address, null, null));
            Map<String, List<String>> answers = ServiceAttribute.answersIn(form);
            NewServiceRequest filed = new NewServiceRequest(
                    member.jurisdictionId(),
                    service,
                    place,
                    first(form, "description"),
                    answers,
                    java.util.List.of(),
                    List.of(),
                    reporter(contact, first(form, "email")),
                    contact.kind() == ContactKind.WALK_IN ? Channel.WALK_IN : Channel.PHONE,
                    null);
            // The agent spoke with the caller and judged that triage's emergency flag was a false alarm.
            // The form's own key: a second click files nothing more; another problem of the caller's is filed from
            // the page shown after this one, which has a key of its own.
            String submission = org.civic311.common.FormKeys.of(form.getFirst("submission"));
            SubmittedRequest submitted = requests.fileForResident(
                    filed,
                    actor(member, contact),
                    "on".equals(form.getFirst("notAnEmergency")),
                    submission != null ? "contact:" + submission : null);
            contacts.link(
                    member.jurisdictionId(),
                    id,
                    new ContactLink(ContactLink.Kind.REQUEST, submitted.publicId()),
                    member.username());
            List<String> said = new ArrayList<>();
            said.add("Request " + submitted.publicId() + " filed. Give the caller this tracking number.");
            if (submitted.repeatSaid() != null) {
                said.add(submitted.repeatSaid());
            }
            if (!submitted.possibleDuplicates().isEmpty()) {
                said.add("Possible duplicates: " + String.join(", ", submitted.possibleDuplicates()) + ".");
            }
            flash.addFlashAttribute("message", String.join(" ", said));
        } catch (EmergencyException e) {
            flash.addFlashAttribute("emergency", e.getMessage());
            flash.addFlashAttribute(TypedFiling.ATTRIBUTE, TypedFiling.of(form));
        } catch (InvalidInputException e) {
            // In the form's words ("Which bins were left out? is required", not "answers.BINS is required"), with
            // the cursor put on the field at fault.
            flash.addFlashAttribute("error", inFormWords(member, service, e));
            flash.addFlashAttribute("errorField", e.field());
            flash.addFlashAttribute(TypedFiling.ATTRIBUTE, TypedFiling.of(form));
        }
        return "redirect:/staff/contacts/" + id;
    }

    /**
     * The caller's problem is already reported and open: rather than a duplicate, the call is linked to that request,
     * the caller follows it by email when they gave one (with their consent), and its staff read that it was reported
     * again by phone.
     */
    @PostMapping("/staff/contacts/{id}/link-request")
    String linkRequest(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String request,
            @RequestParam(defaultValue = "") String email,
            Authentication authentication,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        Contact contact = openContactOf(member, id);
        try {
            var existing = work.request(member.jurisdictionId(), request.strip());
            Actor actor = actor(member, contact);
            boolean follows = contact.consent() && !email.isBlank();
            // All or nothing, and the request's state read under its lock: a close made meanwhile refuses it whole. The
            // link goes first: a second click waits on the first's and finds it made, and adds nothing.
            boolean added = Boolean.TRUE.equals(transaction.execute(status -> {
                if (!contacts.link(
                        member.jurisdictionId(),
                        id,
                        new ContactLink(ContactLink.Kind.REQUEST, existing.publicId()),
                        member.username())) {
                    return false;
                }
                work.addNote(
                        member.jurisdictionId(),
                        existing.publicId(),
                        "Reported again by a caller (" + actor.channel() + "), linked instead of filed as a duplicate.",
                        false,
                        actor);
                if (work.request(member.jurisdictionId(), existing.publicId()).closed()) {
                    throw new InvalidInputException(
                            "request",
                            "request " + existing.publicId() + " is closed: file the caller's report instead");
                }
                if (follows) {
                    work.follow(
                            member.jurisdictionId(),
                            existing.publicId(),
                            org.civic311.requests.FollowerChannel.EMAIL,
                            email,
                            null,
                            null,
                            actor);
                }
                return true;
            }));
            if (!added) {
                flash.addFlashAttribute(
                        "message", "The call is already linked to request " + existing.publicId() + ".");
                return "redirect:/staff/contacts/" + id;
            }
            flash.addFlashAttribute(
                    "message",
                    "The call is linked to request " + existing.publicId() + ". Give the caller this tracking number"
                            + (follows ? "; they will hear of its progress by email." : "."));
        } catch (InvalidInputException | org.civic311.common.NotFoundException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/staff/contacts/" + id;
    }

    @PostMapping("/staff/contacts/{id}/wrap-up")
    String wrapUp(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String code,
            @RequestParam(defaultValue = "") String note,
            @RequestParam(required = false) @Nullable String reason,
            @RequestParam(defaultValue = "") String callerName,
            @RequestParam(defaultValue = "") String callerPhone,
            @RequestParam(required = false) @Nullable String consent,
            Authentication authentication,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        // A supervisor wraps up a contact a colleague left open (gone home mid-call), in the colleague's name, saying
        // who did; the caller's details stay as the colleague saved them.
        String agent = own(member, id).agent();
        boolean forColleague = !agent.equals(member.username());
        try {
            WrapUpCode wrapUp;
            try {
                wrapUp = WrapUpCode.valueOf(code.strip());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("code", "choose how the contact ended");
            }
            if (reason != null && !forColleague) {
                // The caller's form, sent with the wrap-up: what was typed and never saved is kept with the call.
                try {
                    contacts.describe(
                            member.jurisdictionId(),
                            id,
                            reason,
                            callerName,
                            callerPhone,
                            consent != null,
                            member.username());
                } catch (InvalidInputException refused) {
                    return refusedCaller(id, refused, reason, callerName, callerPhone, consent, flash);
                }
            }
            String said = !forColleague
                    ? note
                    : "Wrapped up by " + member.displayName() + " for " + agent
                            + (note.isBlank() ? "." : ": " + note.strip());
            Contact contact = contacts.wrapUp(member.jurisdictionId(), id, wrapUp, said, agent);
            flash.addFlashAttribute(
                    "message",
                    "Contact wrapped up: " + wrapUp.label() + ", " + minutes(contact.duration(clock.instant())) + ".");
            return "redirect:/staff/contacts";
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:/staff/contacts/" + id;
        }
    }

    /**
     * The contact, if it is the member's own (or they supervise): a caller's details, given to one agent, are not
     * every colleague's to read or use.
     */
    private Contact own(StaffMember member, long id) {
        Contact contact = contacts.find(member.jurisdictionId(), id);
        if (!contact.agent().equals(member.username()) && !member.oversees()) {
            throw new org.springframework.security.access.AccessDeniedException(
                    "contact " + id + " is " + contact.agent() + "'s");
        }
        return contact;
    }

    static String minutes(java.time.Duration duration) {
        long seconds = duration.toSeconds();
        return seconds < 60 ? seconds + " s" : seconds / 60 + " min " + seconds % 60 + " s";
    }

    private @Nullable PlaceHistory placeHistory(StaffMember member, String service, String address) {
        if (service.isBlank() || address.isBlank()) {
            return null;
        }
        if (catalog.serviceType(member.jurisdictionId(), service).isEmpty()) {
            return null;
        }
        return work.placeHistory(
                member.jurisdictionId(),
                service,
                requests.placed(member.jurisdictionId(), new Location(null, null, address, null, null)));
    }

    private @Nullable TriageResult assess(StaffMember member, String text) {
        try {
            return triage.assess(text, member.jurisdictionId());
        } catch (InvalidInputException e) {
            return null;
        }
    }

    private static Reporter reporter(Contact contact, String email) {
        if (!contact.consent()) {
            return Reporter.anonymous();
        }
        return Reporter.named(contact.callerName(), email.isBlank() ? null : email, contact.callerPhone(), null);
    }

    private static String first(MultiValueMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null ? "" : value;
    }

    private DepartmentScreens.LocalTimes times(StaffMember member) {
        return new DepartmentScreens.LocalTimes(
                catalog.resolveJurisdiction(member.jurisdictionId()).timeZone());
    }
}
