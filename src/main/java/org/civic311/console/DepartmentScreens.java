package org.civic311.console;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civic311.catalog.Catalog;
import org.civic311.catalog.Department;
import org.civic311.catalog.Jurisdiction;
import org.civic311.catalog.Resolution;
import org.civic311.catalog.ServiceType;
import org.civic311.common.InvalidInputException;
import org.civic311.common.NotFoundException;
import org.civic311.requests.Channel;
import org.civic311.requests.QueueQuery;
import org.civic311.requests.RequestWork;
import org.civic311.requests.ServiceRequest;
import org.civic311.requests.StaffRecord;
import org.civic311.requests.Transition;
import org.civic311.staff.StaffMember;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The department screens: a queue to work from, and a request page with everything staff do to a request: take it,
 * move it on with a note to the resident, close it with a resolution, transfer it, give it back, reopen it.
 */
@Controller
class DepartmentScreens {

    private final RequestWork work;
    private final Catalog catalog;
    private final StaffAccess access;
    private final org.civic311.requests.ServiceRequests requests;
    private final org.civic311.conversations.Inbox inbox;
    private final org.civic311.notifications.Replies replies;
    private final org.civic311.notifications.NoteReach noteReach;
    private final java.time.Clock clock;
    private final org.civic311.triage.Triage triage;
    private final org.springframework.transaction.support.TransactionTemplate snapshot;

    DepartmentScreens(
            RequestWork work,
            Catalog catalog,
            StaffAccess access,
            org.civic311.requests.ServiceRequests requests,
            org.civic311.conversations.Inbox inbox,
            org.civic311.notifications.Replies replies,
            org.civic311.notifications.NoteReach noteReach,
            org.civic311.triage.Triage triage,
            org.springframework.transaction.PlatformTransactionManager transactions,
            java.time.Clock clock) {
        this.clock = clock;
        this.snapshot = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.snapshot.setReadOnly(true);
        this.snapshot.setIsolationLevel(
                org.springframework.transaction.TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.triage = triage;
        this.replies = replies;
        this.noteReach = noteReach;
        this.inbox = inbox;
        this.work = work;
        this.catalog = catalog;
        this.access = access;
        this.requests = requests;
    }

    @GetMapping("/staff")
    String home(Authentication authentication) {
        StaffMember member = access.member(authentication);
        return "redirect:/staff/queues/" + (member.departmentCode() == null ? "311" : member.departmentCode());
    }

    /** Requests on one page of a queue. */
    static final int PAGE = 200;

    /** The furthest page asked for: beyond it, filters find a request sooner than paging does. */
    static final int MAX_FROM = 100_000;

    /** The queue chosen on a queue's page, by those who see every department's. */
    @GetMapping("/staff/queues")
    String chooseQueue(@RequestParam String department) {
        return "redirect:/staff/queues/"
                + org.springframework.web.util.UriUtils.encodePathSegment(
                        department.strip(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A request found by the tracking number a caller reads out, typed into the box every staff screen has. */
    @GetMapping("/staff/requests")
    String findRequest(@RequestParam String number, Authentication authentication, RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        String id = number.strip().replaceFirst("^#\\s*", "");
        if (id.isEmpty()) {
            flash.addFlashAttribute("error", "Type the request's tracking number to open it.");
            return "redirect:/staff/queues/" + (member.departmentCode() == null ? "311" : member.departmentCode());
        }
        if (id.matches("(?i)Q\\d{1,12}")) {
            // An inquiry's reference, as a caller reads it out ("Q5000012"): its page says whether there is one.
            return "redirect:/staff/inquiries/" + id.toUpperCase(java.util.Locale.ROOT);
        }
        // Refused as a missing request (404) when the number is not one.
        work.request(member.jurisdictionId(), id);
        return "redirect:/staff/requests/"
                + org.springframework.web.util.UriUtils.encodePathSegment(id, java.nio.charset.StandardCharsets.UTF_8);
    }

    @GetMapping("/staff/queues/{department}")
    String queue(
            @PathVariable String department,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String service,
            @RequestParam(required = false) @Nullable String ward,
            @RequestParam(required = false) @Nullable LocalDate due,
            @RequestParam(required = false) @Nullable String mine,
            @RequestParam(required = false) @Nullable String held,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String late,
            @RequestParam(defaultValue = "0") int from,
            @RequestHeader(value = "HX-Request", required = false) @Nullable String htmx,
            Authentication authentication,
            Model model) {
        StaffMember member = access.member(authentication);
        Jurisdiction jurisdiction = catalog.resolveJurisdiction(member.jurisdictionId());
        if (from < 0 || from > MAX_FROM) {
            throw new InvalidInputException("from", "must be from 0 to " + MAX_FROM);
        }
        Optional<Department> shown = queueShown(member, department);
        String code = shown.map(Department::code).orElse(null);
        String holder = holder(mine, held);
        QueueQuery query = overdue(
                late, queueQuery(member, jurisdiction, code, status, service, ward, due, holder, q, PAGE, from));
        List<ServiceRequest> requests = work.queue(query);
        int total = requests.size() < PAGE && from == 0 ? requests.size() : work.queueSize(query);
        model.addAttribute("total", total);
        model.addAttribute("pageSize", PAGE);
        model.addAttribute("from", from);
        model.addAttribute(
                "nextPage",
                from + requests.size() < total
                        ? org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromCurrentRequest()
                                .replaceQueryParam("from", from + PAGE)
                                .build()
                                .toUriString()
                        : null);
        model.addAttribute("member", member);
        model.addAttribute("jurisdiction", jurisdiction);
        model.addAttribute("department", department);
        model.addAttribute("departmentName", shown.map(Department::name).orElse("Returned to 311"));
        model.addAttribute("departments", catalog.departments(jurisdiction.id()));
        model.addAttribute("statuses", jurisdiction.statuses());
        model.addAttribute(
                "serviceTypes",
                catalog.serviceTypes(jurisdiction.id()).stream()
                        .filter(t -> code == null || t.departmentCode().equals(code))
                        .toList());
        model.addAttribute("wards", catalog.wards(jurisdiction.id()));
        model.addAttribute("requests", requests);
        model.addAttribute("t", new LocalTimes(jurisdiction.timeZone()));
        model.addAttribute("filter", new Filter(status, service, ward, due, holder, q, "on".equals(late)));
        model.addAttribute("colleagues", access.queueStaff(jurisdiction.id(), code));
        model.addAttribute("holders", code == null ? List.of() : work.holders(jurisdiction.id(), code));
        // Those who work the queue change many of its requests at once.
        boolean bulk = code != null && member.canWork(code);
        model.addAttribute("bulk", bulk);
        if (bulk) {
            model.addAttribute("queueStaff", access.queueStaff(jurisdiction.id(), code));
            model.addAttribute("crews", crews(jurisdiction.id(), code, model));
            model.addAttribute("transferTo", transferTo(jurisdiction, code));
            model.addAttribute("workStatuses", movedOnTo(jurisdiction));
            model.addAttribute("resolutions", Resolution.chosenOnClosing());
        }
        // The same requests as a spreadsheet: the filters of the page, every page of them.
        String filters = org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromCurrentRequest()
                .replaceQueryParam("from")
                .build()
                .getQuery();
        model.addAttribute(
                "download",
                // Built, not expanded: braces in a search are words the member typed, kept as typed.
                org.springframework.web.util.UriComponentsBuilder.fromPath("/staff/queues/")
                        .path(department)
                        .path("/requests.csv")
                        .query(filters)
                        .build()
                        .toUriString());
        // A change to the ticked requests comes back to the queue as it was filtered.
        model.addAttribute("filters", filters == null ? "" : filters);
        // htmx asks for the rows alone when a filter changes
        return "true".equals(htmx) ? "staff/queue :: rows" : "staff/queue";
    }

    /** The departments a request may be transferred to: another that works requests, not the contact centre. */
    private List<Department> transferTo(Jurisdiction jurisdiction, @Nullable String from) {
        return catalog.departments(jurisdiction.id()).stream()
                .filter(d -> !d.code().equals(from) && !d.code().equals(jurisdiction.contactCentre()))
                .toList();
    }

    /** The statuses a request is moved on to: not a duplicate's, which it takes by being marked as one. */
    private static List<org.civic311.catalog.RequestStatus> movedOnTo(Jurisdiction jurisdiction) {
        return jurisdiction.statuses().stream()
                .filter(s -> !s.code().equals("duplicate"))
                .toList();
    }

    /** The most requests one download of a queue holds; more are narrowed by the filters, never cut silently. */
    static final int MAX_DOWNLOAD = 50_000;

    /**
     * A queue's requests, as filtered on its page, for a spreadsheet: to plan a crew's week, or to send a list on.
     * Times are the city's.
     */
    @GetMapping(value = "/staff/queues/{department}/requests.csv", produces = "text/csv")
    org.springframework.http.ResponseEntity<String> queueDownload(
            @PathVariable String department,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String service,
            @RequestParam(required = false) @Nullable String ward,
            @RequestParam(required = false) @Nullable LocalDate due,
            @RequestParam(required = false) @Nullable String mine,
            @RequestParam(required = false) @Nullable String held,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String late,
            Authentication authentication) {
        StaffMember member = access.member(authentication);
        Jurisdiction jurisdiction = catalog.resolveJurisdiction(member.jurisdictionId());
        String code = queueShown(member, department).map(Department::code).orElse(null);
        String holder = holder(mine, held);
        QueueQuery all =
                overdue(late, queueQuery(member, jurisdiction, code, status, service, ward, due, holder, q, 1_000, 0));
        // One snapshot of the queue: a request closed or reassigned while the pages are read is neither lost nor
        // listed twice.
        String csv = snapshot.execute(tx -> queueCsv(all, jurisdiction));
        String name = (code == null ? "311" : code) + "-queue-" + LocalDate.now(clock.withZone(jurisdiction.timeZone()))
                + ".csv";
        return org.springframework.http.ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("Cache-Control", "no-store")
                .contentType(
                        new org.springframework.http.MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .body(csv);
    }

    private String queueCsv(QueueQuery all, Jurisdiction jurisdiction) {
        int total = work.queueSize(all);
        if (total > MAX_DOWNLOAD) {
            throw new InvalidInputException(
                    "filters",
                    "match " + total + " requests; a download holds at most " + MAX_DOWNLOAD
                            + ": choose a status, a type, a ward or a due date");
        }
        LocalTimes times = new LocalTimes(jurisdiction.timeZone());
        // The byte order mark first: a spreadsheet opened with a double click reads the file as UTF-8 by it, and
        // "Côte-des-Neiges" stays itself.
        StringBuilder csv = new StringBuilder(org.civic311.common.CsvCell.BYTE_ORDER_MARK
                + "request,type,service_code,status,address,latitude,longitude,ward,reported,due,on_time,held_by,"
                + "repeat_reports,description\r\n");
        for (int offset = 0; offset < total; offset += all.limit()) {
            List<ServiceRequest> page = work.queue(all.from(offset));
            if (page.isEmpty()) {
                break;
            }
            for (ServiceRequest r : page) {
                csv.append(String.join(
                                ",",
                                org.civic311.common.CsvCell.of(r.publicId()),
                                org.civic311.common.CsvCell.of(r.serviceName()),
                                org.civic311.common.CsvCell.of(r.serviceCode()),
                                org.civic311.common.CsvCell.of(r.statusCode()),
                                org.civic311.common.CsvCell.of(r.location().address()),
                                r.location().hasPoint()
                                        ? String.valueOf(r.location().latitude())
                                        : "",
                                r.location().hasPoint()
                                        ? String.valueOf(r.location().longitude())
                                        : "",
                                org.civic311.common.CsvCell.of(r.wardCode()),
                                times.format(r.requestedAt()),
                                times.format(r.expectedAt()),
                                switch (r.slaState()) {
                                    case BREACHED -> "overdue";
                                    case NEARING -> "due soon";
                                    default -> "on track";
                                },
                                org.civic311.common.CsvCell.of(r.assignee()),
                                r.isRepeatProblem() ? String.valueOf(r.repeatCount()) : "",
                                // What the crew is sent out to find, on one line of the sheet; without the numbers
                                // in it for who may not read the reporters (another department reading 311's queue).
                                org.civic311.common.CsvCell.of(org.civic311.common.PlainText.singleLine(
                                        all.byReporter()
                                                ? r.description()
                                                : r.withContactDetailsMasked().description()))))
                        .append("\r\n");
            }
        }
        return csv.toString();
    }

    /** The department whose queue is asked for (none: the requests returned to 311), if the member may see it. */
    private Optional<Department> queueShown(StaffMember member, String department) {
        String code = department.equals("311") ? null : department;
        Optional<Department> shown =
                code == null ? Optional.empty() : catalog.department(member.jurisdictionId(), code);
        if (code != null && shown.isEmpty()) {
            throw new NotFoundException("no department " + department);
        }
        if (code != null && !member.canWork(code) && !member.canRoute()) {
            throw new AccessDeniedException(member.username() + " does not see the queue of " + department);
        }
        return shown;
    }

    /** Whose requests a queue is narrowed to; "Mine" as the links and bookmarks made before the choice say it. */
    private static @Nullable String holder(@Nullable String mine, @Nullable String held) {
        return "on".equals(mine) && blank(held) == null ? "me" : blank(held);
    }

    /** The query, narrowed to what is already overdue when the filter "Overdue only" is ticked. */
    private QueueQuery overdue(@Nullable String late, QueueQuery query) {
        return "on".equals(late) ? query.overdueAt(clock.instant()) : query;
    }

    private static QueueQuery queueQuery(
            StaffMember member,
            Jurisdiction jurisdiction,
            @Nullable String code,
            @Nullable String status,
            @Nullable String service,
            @Nullable String ward,
            @Nullable LocalDate due,
            @Nullable String held,
            @Nullable String q,
            int limit,
            int from) {
        if (due != null && (due.getYear() < 1900 || due.getYear() > 9999)) {
            throw new InvalidInputException("due", "must be between the years 1900 and 9999");
        }
        if (held != null && held.length() > 100) {
            throw new InvalidInputException("held", "is at most 100 characters");
        }
        return new QueueQuery(
                jurisdiction.id(),
                code,
                blank(status) == null ? List.of() : List.of(status),
                blank(service),
                blank(ward),
                due == null
                        ? null
                        : due.plusDays(1).atStartOfDay(jurisdiction.timeZone()).toInstant(),
                held == null
                        ? null
                        : switch (held) {
                            case "me" -> member.username();
                            case "-" -> QueueQuery.NOBODY;
                            default -> held;
                        },
                blank(q),
                // Reporters' details are found only by those who may read them (the queue's own, and 311).
                member.canWork(code) || member.canRoute(),
                limit,
                from,
                null,
                null);
    }

    record Filter(
            @Nullable String status,
            @Nullable String service,
            @Nullable String ward,
            @Nullable LocalDate due,
            @Nullable String held,
            @Nullable String q,
            boolean late) {}

    @GetMapping("/staff/requests/{id}")
    String request(@PathVariable String id, Authentication authentication, Model model) {
        StaffMember member = access.member(authentication);
        Jurisdiction jurisdiction = catalog.resolveJurisdiction(member.jurisdictionId());
        StaffRecord record = access.page(member, id);
        ServiceRequest request = record.request();
        model.addAttribute("member", member);
        model.addAttribute("record", record);
        // Where its residents wrote from: staff answer them there, and 311 opens the conversation.
        model.addAttribute(
                "conversations",
                StaffAccess.mayReadAll(member, record) ? inbox.conversationsAbout(jurisdiction.id(), id) : List.of());
        model.addAttribute("opensInbox", member.canRoute());
        // Followers who never got a message about it: whoever calls them back can say what it said.
        model.addAttribute(
                "undelivered",
                StaffAccess.mayReadAll(member, record) ? replies.undeliveredAbout(request.id()) : List.of());
        model.addAttribute("r", request);
        model.addAttribute("civility", record.description() == null ? null : triage.civility(record.description()));
        model.addAttribute("t", new LocalTimes(jurisdiction.timeZone()));
        model.addAttribute("canWork", member.canWork(request.departmentCode()));
        model.addAttribute("canAnswer", member.canRoute());
        model.addAttribute("undoable", request.closeUndoableAt(clock.instant()));
        model.addAttribute("queueStaff", access.queueStaff(member.jurisdictionId(), request.departmentCode()));
        model.addAttribute("crews", crews(member.jurisdictionId(), request.departmentCode(), model));
        model.addAttribute("statuses", movedOnTo(jurisdiction));
        model.addAttribute("statusName", jurisdiction.statusName(request.statusCode()));
        model.addAttribute("resolutions", Resolution.chosenOnClosing());
        model.addAttribute("transferTo", transferTo(jurisdiction, request.departmentCode()));
        model.addAttribute("departments", catalog.departments(jurisdiction.id()));
        model.addAttribute("templates", catalog.replyTemplates(jurisdiction.id(), request.serviceCode()));
        model.addAttribute("serviceTypes", catalog.activeServiceTypes(jurisdiction.id()));
        model.addAttribute(
                "answers",
                catalog.serviceType(jurisdiction.id(), request.serviceCode())
                        .map(type -> type.describeAnswers(request.answers()))
                        .orElseGet(() -> request.answers().entrySet().stream()
                                .map(a -> new ServiceType.Answer(a.getKey(), a.getValue(), true))
                                .toList()));
        model.addAttribute(
                "ward",
                request.wardCode() == null
                        ? null
                        : catalog.wards(jurisdiction.id()).stream()
                                .filter(w -> w.code().equals(request.wardCode()))
                                .findFirst()
                                .map(w -> w.code() + " " + w.name())
                                .orElse(request.wardCode()));
        model.addAttribute(
                "departmentName",
                request.departmentCode() == null
                        ? "Returned to 311"
                        : catalog.department(jurisdiction.id(), request.departmentCode())
                                .map(Department::name)
                                .orElse(request.departmentCode()));
        // Those escalated to, by name.
        model.addAttribute(
                "people",
                catalog.people(jurisdiction.id()).stream()
                        .collect(java.util.stream.Collectors.toMap(
                                org.civic311.catalog.Person::key, org.civic311.catalog.Person::name)));
        // Whoever answers for it now: after a transfer, not the one it was first escalated to.
        model.addAttribute(
                "supervisor",
                record.supervisorKey() == null
                        ? null
                        : catalog.person(jurisdiction.id(), record.supervisorKey())
                                .orElse(null));
        model.addAttribute(
                "firstResponse",
                request.channel() == Channel.IMPORT
                        ? "not recorded (imported from another system)"
                        : record.firstResponse()
                                .map(first -> first.by() != null
                                        ? DashboardScreens.duration(
                                                        first.after().toMinutes()) + " after it was made, by "
                                                + first.by()
                                        : request.channel() == Channel.WALK_IN
                                                ? "at the counter, as it was made"
                                                : "on the call, as it was made")
                                .orElse("not yet: nobody has answered the resident"));
        model.addAttribute(
                "possibleDuplicates", request.closed() ? List.of() : work.possibleDuplicates(jurisdiction.id(), id));
        model.addAttribute("duplicates", work.duplicatesOf(request.id()));
        return "staff/request";
    }

    /**
     * The note to the resident for a resolution, for htmx to put in its box: the type's ready answer, unless staff
     * already wrote their own, which is never replaced (only an empty box or a ready answer left as it was is).
     */
    @GetMapping(value = "/staff/requests/{id}/reply", headers = "HX-Request=true")
    String reply(
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String resolution,
            @RequestParam(defaultValue = "") String publicNote,
            Authentication authentication,
            Model model) {
        StaffMember member = access.member(authentication);
        ServiceRequest request = work.record(member.jurisdictionId(), id).request();
        Resolution chosen = StaffApiController.resolution(resolution);
        List<org.civic311.catalog.ReplyTemplate> ready =
                catalog.replyTemplates(member.jurisdictionId(), request.serviceCode());
        boolean written = ReadyTexts.writtenOver(
                publicNote,
                ready.stream().map(org.civic311.catalog.ReplyTemplate::text).toList());
        model.addAttribute(
                "text",
                written
                        ? publicNote
                        : ready.stream()
                                .filter(t -> t.resolution() == chosen)
                                .findFirst()
                                .map(t -> t.text())
                                .orElse(""));
        model.addAttribute("r", request);
        return "staff/request :: publicNote";
    }

    /**
     * How far the note reaches before a short channel cuts it, for htmx to say under the box as staff write: a reason
     * that comes last may not reach a follower on X.
     */
    @PostMapping(value = "/staff/requests/{id}/note-reach", headers = "HX-Request=true")
    String noteReach(
            @PathVariable String id,
            @RequestParam(defaultValue = "") String publicNote,
            @RequestParam(required = false) String status,
            Authentication authentication,
            Model model) {
        StaffMember member = access.member(authentication);
        if (publicNote.isBlank()) {
            // Asked as every request page opens, and at each pause in typing: an empty note reaches as far as any,
            // and needs none of the request's record read.
            model.addAttribute("reach", List.of());
            return "staff/request :: noteReach";
        }
        org.civic311.requests.StaffRecord record = work.record(member.jurisdictionId(), id);
        ServiceRequest request = record.request();
        // The status chosen in the form, which the text message or post names before the note.
        String statusCode = status == null || status.isBlank() ? request.statusCode() : status;
        // Who follows a request, and how, is for those who may read its followers.
        model.addAttribute(
                "reach",
                !StaffAccess.mayReadAll(member, record)
                        ? List.of()
                        : noteReach
                                .of(
                                        request.id(),
                                        member.jurisdictionId(),
                                        request.publicId(),
                                        statusCode,
                                        publicNote,
                                        member.username())
                                .stream()
                                .map(DepartmentScreens::reachSaid)
                                .toList());
        return "staff/request :: noteReach";
    }

    /** The crews (and contractors) the queue's open requests are held by: offered as they are spelt already. */
    private List<String> crews(String jurisdictionId, @Nullable String department, Model model) {
        if (department == null) {
            return List.of();
        }
        // Not an account, whether it works the queue now or not: a colleague moved away is no crew to offer. Every
        // account's name is on the page already (ColleagueNames), read once for it.
        var accounts =
                model.getAttribute("staffNames") instanceof Map<?, ?> names ? names.keySet() : java.util.Set.of();
        return work.holders(jurisdictionId, department).stream()
                .filter(holder -> !accounts.contains(holder))
                .toList();
    }

    /** "On X, 2 followers read it up to "…fix it on Friday"": the words they read last. */
    static String reachSaid(org.civic311.notifications.NoteReach.Cut cut) {
        String where =
                switch (cut.channel()) {
                    case X -> "On X";
                    case FEDIVERSE -> "On Mastodon";
                    case SMS -> "By text message";
                    case EMAIL -> "By email";
                };
        String kept = cut.kept();
        int[] points = kept.codePoints().toArray();
        String last = points.length <= 40 ? kept : new String(points, points.length - 40, 40).stripLeading();
        return where + ", " + (cut.followers() == 1 ? "1 follower reads" : cut.followers() + " followers read")
                + " it up to \u201c\u2026" + last + "\u201d; the rest is on the request's page, which the message"
                + " links to.";
    }

    @PostMapping("/staff/requests/{id}/take")
    String take(@PathVariable String id, Authentication authentication, RedirectAttributes flash) {
        return change(
                id,
                authentication,
                flash,
                "You hold request " + id + ".",
                (jurisdiction, actor) -> work.take(jurisdiction, id, actor));
    }

    @PostMapping("/staff/requests/{id}/release")
    String release(
            @PathVariable String id,
            @RequestParam String seenAssignee,
            Authentication authentication,
            RedirectAttributes flash) {
        return change(
                id,
                authentication,
                flash,
                "Request " + id + " is back in the queue, held by nobody.",
                (jurisdiction, actor) -> work.release(jurisdiction, id, seenAssignee, actor));
    }

    @PostMapping("/staff/requests/{id}/assign")
    String assign(
            @PathVariable String id,
            @RequestParam String assignee,
            @RequestParam(required = false) @Nullable String seenAssignee,
            Authentication authentication,
            RedirectAttributes flash) {
        return change(
                id,
                authentication,
                flash,
                "Request " + id + " assigned to " + assignee.strip() + ".",
                (jurisdiction, actor) -> work.assign(jurisdiction, id, assignee, seenAssignee, actor));
    }

    @PostMapping("/staff/requests/{id}/photo")
    String photo(
            @PathVariable String id,
            @RequestParam String url,
            @RequestParam boolean hidden,
            Authentication authentication,
            RedirectAttributes flash) {
        return change(
                id,
                authentication,
                flash,
                hidden ? "The photo is hidden from the public." : "The photo is public again.",
                (jurisdiction, actor) -> work.hidePhoto(jurisdiction, id, url, hidden, actor));
    }

    @PostMapping("/staff/requests/{id}/notes/{note}/correct")
    String correctNote(
            @PathVariable String id,
            @PathVariable long note,
            @RequestParam(defaultValue = "") String publicNote,
            @RequestParam(defaultValue = "") String reason,
            Authentication authentication,
            RedirectAttributes flash) {
        return change(
                id,
                authentication,
                flash,
                "The note is corrected; the public reads it as it is now.",
                (jurisdiction, actor) -> work.correctPublicNote(jurisdiction, id, note, publicNote, reason, actor));
    }

    /** The photo staff sent with a form, or the refusal naming what to do when there is none. */
    static byte[] photoSent(org.springframework.web.multipart.@Nullable MultipartFile photo, String howToSendOne) {
        if (photo == null || photo.isEmpty()) {
            throw new InvalidInputException("photo", "is required: " + howToSendOne);
        }
        try {
            return photo.getBytes();
        } catch (java.io.IOException e) {
            throw new InvalidInputException("photo", "could not be read; send it again");
        }
    }

    @PostMapping("/staff/requests/{id}/photos")
    String addPhoto(
            @PathVariable String id,
            @RequestParam(name = "photo", required = false)
                    org.springframework.web.multipart.@Nullable MultipartFile photo,
            @RequestParam(required = false) @Nullable String shown,
            Authentication authentication,
            RedirectAttributes flash) {
        byte[] content = photoSent(photo, "choose the photo to add");
        boolean shownToPublic = shown != null;
        return change(
                id,
                authentication,
                flash,
                shownToPublic ? "The photo is added and shown to the public." : "The photo is added, for staff.",
                (jurisdiction, actor) -> work.addPhoto(jurisdiction, id, content, shownToPublic, actor));
    }

    @PostMapping("/staff/requests/{id}/status")
    String status(
            @PathVariable String id,
            @RequestParam String status,
            @RequestParam(required = false) @Nullable String publicNote,
            @RequestParam(required = false) @Nullable String internalNote,
            @RequestParam(required = false) @Nullable String resolution,
            @RequestParam(required = false) @Nullable String seenStatus,
            Authentication authentication,
            RedirectAttributes flash) {
        return change(
                id,
                authentication,
                flash,
                "Request " + id + " updated.",
                (jurisdiction, actor) -> work.transition(
                        jurisdiction,
                        id,
                        new Transition(
                                status,
                                publicNote,
                                internalNote,
                                StaffApiController.resolution(resolution),
                                seenStatus == null || seenStatus.isBlank() ? null : seenStatus),
                        actor));
    }

    @PostMapping("/staff/requests/{id}/note")
    String note(
            @PathVariable String id,
            @RequestParam String text,
            Authentication authentication,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        access.answer(
                member,
                id,
                () -> work.addNote(member.jurisdictionId(), id, text, false, StaffAccess.actor(member, "web")));
        flash.addFlashAttribute("message", "Internal note added.");
        return "redirect:/staff/requests/" + id;
    }

    @PostMapping("/staff/requests/{id}/followers")
    String follow(
            @PathVariable String id,
            @RequestParam String channel,
            @RequestParam String address,
            @RequestParam(defaultValue = "en") String language,
            Authentication authentication,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        var followerChannel = StaffApiController.channel(channel);
        access.answer(
                member,
                id,
                () -> work.follow(
                        member.jurisdictionId(),
                        id,
                        followerChannel,
                        address,
                        language,
                        null,
                        StaffAccess.actor(member, "web")));
        flash.addFlashAttribute("message", "They will hear of each update of request " + id + ".");
        return "redirect:/staff/requests/" + id;
    }

    @PostMapping("/staff/requests/{id}/place")
    String place(
            @PathVariable String id,
            @RequestParam(name = "private", defaultValue = "false") boolean placePrivate,
            Authentication authentication,
            RedirectAttributes flash) {
        return change(
                id,
                authentication,
                flash,
                placePrivate
                        ? "Its place is private: the public sees only the area and the street."
                        : "Its place is public again.",
                (jurisdiction, actor) -> work.markPlacePrivate(jurisdiction, id, placePrivate, actor));
    }

    @PostMapping("/staff/requests/{id}/public-description")
    String correctPublicDescription(
            @PathVariable String id,
            @RequestParam(defaultValue = "") String publicDescription,
            @RequestParam(defaultValue = "") String reason,
            Authentication authentication,
            RedirectAttributes flash) {
        return change(
                id,
                authentication,
                flash,
                "The public now reads the corrected description; the resident's own words stay here.",
                (jurisdiction, actor) ->
                        work.correctPublicDescription(jurisdiction, id, publicDescription, reason, actor));
    }

    @PostMapping("/staff/requests/{id}/transfer")
    String transfer(
            @PathVariable String id,
            @RequestParam String department,
            @RequestParam String reason,
            Authentication authentication,
            RedirectAttributes flash) {
        change(
                id,
                authentication,
                flash,
                "Request " + id + " transferred to "
                        + catalog.department(access.member(authentication).jurisdictionId(), department)
                                .map(Department::name)
                                .orElse(department)
                        + ".",
                (jurisdiction, actor) -> work.transfer(jurisdiction, id, department, reason, actor));
        return "redirect:/staff";
    }

    @PostMapping("/staff/requests/{id}/due")
    String reschedule(
            @PathVariable String id,
            @RequestParam(defaultValue = "") String due,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam(required = false) @Nullable String publicNote,
            Authentication authentication,
            RedirectAttributes flash) {
        LocalDate day;
        try {
            day = due.isBlank() ? null : LocalDate.parse(due.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInputException("due", "must be a day written YYYY-MM-DD");
        }
        return change(
                id,
                authentication,
                flash,
                "Request " + id + " is now due on " + due.strip() + ".",
                (jurisdiction, actor) -> work.reschedule(jurisdiction, id, day, reason, publicNote, actor));
    }

    @PostMapping("/staff/requests/{id}/location")
    String relocate(
            @PathVariable String id,
            @RequestParam(defaultValue = "") String address,
            @RequestParam(defaultValue = "") String latitude,
            @RequestParam(defaultValue = "") String longitude,
            @RequestParam String reason,
            Authentication authentication,
            RedirectAttributes flash) {
        // Placed before the request is locked: the geocoder may be another city's service, over the network.
        org.civic311.requests.Location place = StaffApiController.located(
                requests,
                access.member(authentication).jurisdictionId(),
                address,
                coordinate("latitude", latitude),
                coordinate("longitude", longitude));
        return change(
                id,
                authentication,
                flash,
                "The place of request " + id + " is corrected.",
                (jurisdiction, actor) -> work.relocate(jurisdiction, id, place, reason, actor));
    }

    private static @Nullable Double coordinate(String field, String value) {
        if (value.isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "must be a number in decimal degrees");
        }
    }

    @PostMapping("/staff/requests/{id}/type")
    String recategorise(
            @PathVariable String id,
            @RequestParam String service,
            @RequestParam String reason,
            Authentication authentication,
            RedirectAttributes flash) {
        return change(
                id,
                authentication,
                flash,
                "Request " + id + " is now of another type, in the queue that type goes to.",
                (jurisdiction, actor) -> work.recategorise(jurisdiction, id, service, reason, actor));
    }

    @PostMapping("/staff/requests/{id}/not-ours")
    String notOurs(
            @PathVariable String id,
            @RequestParam String reason,
            Authentication authentication,
            RedirectAttributes flash) {
        change(
                id,
                authentication,
                flash,
                "Request " + id + " returned to 311.",
                (jurisdiction, actor) -> work.returnTo311(jurisdiction, id, reason, actor));
        return "redirect:/staff";
    }

    @PostMapping("/staff/requests/{id}/reopen")
    String reopen(
            @PathVariable String id,
            @RequestParam String publicNote,
            Authentication authentication,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        // A caller says it was closed but is not fixed: 311 reopens it for the queue, as the queue itself may.
        access.answer(
                member,
                id,
                () -> work.reopen(member.jurisdictionId(), id, publicNote, StaffAccess.actor(member, "web")));
        flash.addFlashAttribute("message", "Request " + id + " reopened.");
        return "redirect:/staff/requests/" + id;
    }

    /** A close made by mistake, undone by those who work the queue: see {@link RequestWork#undoClose}. */
    @PostMapping("/staff/requests/{id}/undo-close")
    String undoClose(
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String publicNote,
            Authentication authentication,
            RedirectAttributes flash) {
        return change(
                id,
                authentication,
                flash,
                "The close of request " + id + " is undone: it is open again, due as before.",
                (jurisdiction, actor) -> work.undoClose(jurisdiction, id, publicNote, actor));
    }

    @PostMapping("/staff/requests/{id}/duplicate")
    String duplicate(
            @PathVariable String id,
            @RequestParam String parent,
            Authentication authentication,
            RedirectAttributes flash) {
        return change(
                id,
                authentication,
                flash,
                "Request " + id + " closed as a duplicate of " + parent.strip() + ".",
                (jurisdiction, actor) -> work.markDuplicate(jurisdiction, id, parent, actor));
    }

    /** A change by a member allowed to work the request, then back to its page with a word of what happened. */
    private String change(
            String id,
            Authentication authentication,
            RedirectAttributes flash,
            String done,
            StaffApiController.Change change) {
        StaffMember member = access.member(authentication);
        access.change(member, id, () -> change.apply(member.jurisdictionId(), StaffAccess.actor(member, "web")));
        flash.addFlashAttribute("message", done);
        return "redirect:/staff/requests/" + id;
    }

    /** The fields of the request page's forms as its labels name them, by form and field. */
    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("status.resolution", "A resolution"),
            Map.entry("status.seenStatus", "The status"),
            Map.entry("status.publicNote", "The note to the resident"),
            Map.entry("status.internalNote", "The internal note"),
            Map.entry("reopen.publicNote", "The note to the resident"),
            Map.entry("note.text", "The internal note"),
            Map.entry("note.internalNote", "The internal note"),
            Map.entry("note.publicNote", "The public note"),
            Map.entry("location.reason", "Why correct it"),
            Map.entry("public-description.publicDescription", "The description the public reads"),
            Map.entry("public-description.reason", "Why correct it"),
            Map.entry("location.latitude", "The latitude"),
            Map.entry("location.longitude", "The longitude"),
            Map.entry("location.address", "The address"),
            Map.entry("type.reason", "Why another type"),
            Map.entry("transfer.reason", "Why transfer it"),
            Map.entry("transfer.department", "The department"),
            Map.entry("not-ours.reason", "Why it is not ours"),
            Map.entry("duplicate.parent", "Of request"),
            Map.entry("assign.assignee", "Assign to"),
            Map.entry("photos.photo", "The photo"),
            Map.entry("correct.publicNote", "The note"),
            Map.entry("correct.reason", "Why correct it"),
            Map.entry("followers.address", "The address to follow with"),
            Map.entry("due.due", "The new due day"),
            Map.entry("due.reason", "Why"),
            Map.entry("due.publicNote", "The note to the resident"));

    /** A refusal in the page's words: the field as its label says, not as the code names it. */
    private static String said(String form, InvalidInputException e) {
        String label = FIELDS.get(form + "." + e.field());
        return label == null ? e.getMessage() : label + " " + e.problem();
    }

    /** A refused change goes back to the request page with the reason, keeping nothing half done. */
    @ExceptionHandler(InvalidInputException.class)
    String invalid(
            InvalidInputException e,
            jakarta.servlet.http.HttpServletRequest request,
            jakarta.servlet.http.HttpServletResponse response,
            Model model,
            RedirectAttributes flash) {
        // A page asked for with a bad filter has nowhere to go back to; a refused change goes back to its page.
        if ("GET".equals(request.getMethod())) {
            response.setStatus(400);
            model.addAttribute("message", e.getMessage());
            return "staff/not-found";
        }
        String path = request.getRequestURI();
        String form = path.substring(path.lastIndexOf('/') + 1);
        flash.addFlashAttribute("error", said(form, e));
        // Named on the page by its form and field, so the field refused is the one marked and focused. A note's
        // correction is its own note's form ("notes/12/correct"), opened again with what was typed in it.
        java.util.regex.Matcher correcting = CORRECTING.matcher(path);
        String formKey = correcting.find() ? "notes/" + correcting.group(1) + "/correct" : form;
        if (!formKey.equals(form)) {
            flash.addFlashAttribute("correcting", Long.parseLong(correcting.group(1)));
        }
        flash.addFlashAttribute("errorField", e.field());
        // What was typed comes back with the reason: a closing note is not written twice. Each field also under its
        // form's name ("transfer.reason"), as several forms of the page ask for a reason.
        flash.addFlashAttribute("errorForm", formKey);
        Map<String, String> typed = new java.util.HashMap<>();
        request.getParameterMap().forEach((field, values) -> {
            // Counted as the note is, a line break one character (the browser sent it as two).
            String value = values.length == 0 ? null : values[0].replace("\r\n", "\n");
            if (!field.equals("_csrf") && value != null && value.length() <= 4000) {
                typed.put(formKey + "." + field, value);
                // Those the status, reopening and note forms read unprefixed, from those forms alone: a reason typed
                // for moving the due day is not a note to the resident in the box that closes the request.
                // A status overtaken by a colleague's is not offered again: sent as it was, it would undo theirs.
                if (List.of("status", "reopen", "note").contains(formKey)
                        && List.of("status", "resolution", "publicNote", "internalNote", "text")
                                .contains(field)
                        && !(field.equals("status") && "seenStatus".equals(e.field()))) {
                    typed.put(field, value);
                }
            }
        });
        flash.addFlashAttribute("typed", typed);
        // Back to the request's page, from a form of its own or of one of its notes.
        java.util.regex.Matcher page = REQUEST_PAGE.matcher(path);
        return "redirect:" + (page.lookingAt() ? page.group() : path.substring(0, path.lastIndexOf('/')));
    }

    private static final java.util.regex.Pattern CORRECTING =
            java.util.regex.Pattern.compile("/notes/(\\d{1,18})/correct$");

    private static final java.util.regex.Pattern REQUEST_PAGE =
            java.util.regex.Pattern.compile("/staff/requests/[^/]+");

    record LocalTimes(ZoneId zone) {
        public String format(java.time.@Nullable Instant instant) {
            return instant == null
                    ? ""
                    : java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                            .format(instant.atZone(zone));
        }
    }

    private static @Nullable String blank(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
