package org.civic311.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.civic311.catalog.Resolution;
import org.civic311.common.InvalidInputException;
import org.civic311.requests.Actor;
import org.civic311.requests.FollowerChannel;
import org.civic311.requests.QueueQuery;
import org.civic311.requests.RequestWork;
import org.civic311.requests.ServiceRequest;
import org.civic311.requests.StaffRecord;
import org.civic311.requests.Transition;
import org.civic311.staff.StaffMember;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The staff JSON API, for work-order systems and other integrations. Every call is signed in (HTTP Basic); changes
 * are allowed to the staff of the request's department, to supervisors and administrators.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Requests at work")
@SecurityRequirement(name = "basic")
class StaffApiController {

    static final int MAX_QUEUE = 500;

    private final RequestWork work;
    private final StaffAccess access;

    private final org.civic311.requests.ServiceRequests requests;
    private final org.civic311.catalog.Catalog catalog;

    StaffApiController(
            RequestWork work,
            StaffAccess access,
            org.civic311.requests.ServiceRequests requests,
            org.civic311.catalog.Catalog catalog) {
        this.work = work;
        this.access = access;
        this.requests = requests;
        this.catalog = catalog;
    }

    /** A status change: the new status, what residents are told, what only staff see, and how it ended. */
    record TransitionBody(
            @Nullable String status,
            @Nullable String publicNote,
            @Nullable String internalNote,
            @Nullable String resolution) {}

    record AssignmentBody(@Nullable String assignee) {}

    record PlaceBody(@Nullable Boolean placePrivate) {}

    /** Where the request is, corrected: an address (placed by the city's gazetteer when no point is given), a point. */
    record LocationBody(
            @Nullable String address, @Nullable Double latitude, @Nullable Double longitude, @Nullable String reason) {}

    record PhotoBody(@Nullable String url, @Nullable Boolean hidden) {}

    record TransferBody(@Nullable String department, @Nullable String reason) {}

    record ReasonBody(@Nullable String reason) {}

    record TypeBody(@Nullable String serviceCode, @Nullable String reason) {}

    record ReopenBody(@Nullable String publicNote) {}

    record DuplicateBody(@Nullable String parent) {}

    /** A new due day (YYYY-MM-DD), why, and what to tell followers, if anything. */
    record DueBody(java.time.@Nullable LocalDate due, @Nullable String reason, @Nullable String publicNote) {}

    record NoteBody(@Nullable String text, boolean isPublic) {}

    /** A follower: the channel (EMAIL, SMS, X, FEDIVERSE), the address in it, their language, a thread's visibility. */
    record FollowerBody(
            @Nullable String channel,
            @Nullable String address,
            @Nullable String language,
            @Nullable String visibility) {}

    @GetMapping("/requests/{id}")
    @Operation(
            summary = "The full record of a request for staff, reporter and internal history included; for another"
                    + " department's staff, as its page reads to them: without who reported or follows it")
    StaffRecord request(@PathVariable String id, Authentication authentication) {
        // A work order whose request was transferred away still learns where it went, as the screens would say.
        return access.page(access.member(authentication), id);
    }

    @PostMapping("/requests/{id}/transitions")
    @Operation(summary = "Change the status, with a public note (required when closing, with a resolution)")
    StaffRecord transition(@PathVariable String id, @RequestBody TransitionBody body, Authentication authentication) {
        return change(
                id,
                authentication,
                (jurisdiction, actor) -> work.transition(
                        jurisdiction,
                        id,
                        new Transition(
                                required("status", body.status()),
                                body.publicNote(),
                                body.internalNote(),
                                resolution(body.resolution())),
                        actor));
    }

    @PostMapping("/requests/{id}/assignment")
    @Operation(summary = "Assign the request to a person or crew")
    StaffRecord assign(@PathVariable String id, @RequestBody AssignmentBody body, Authentication authentication) {
        return change(
                id,
                authentication,
                (jurisdiction, actor) -> work.assign(jurisdiction, id, required("assignee", body.assignee()), actor));
    }

    @PostMapping("/requests/{id}/place")
    @Operation(summary = "Mark the request's place private (the public sees only the area) or public again")
    StaffRecord place(@PathVariable String id, @RequestBody PlaceBody body, Authentication authentication) {
        if (body.placePrivate() == null) {
            throw new InvalidInputException("placePrivate", "is required: true or false");
        }
        return change(
                id,
                authentication,
                (jurisdiction, actor) -> work.markPlacePrivate(jurisdiction, id, body.placePrivate(), actor));
    }

    @PostMapping("/requests/{id}/photos")
    @Operation(summary = "Hide one of the request's photos from the public (a face, a licence plate), or show it again")
    StaffRecord photo(@PathVariable String id, @RequestBody PhotoBody body, Authentication authentication) {
        if (body.hidden() == null) {
            throw new InvalidInputException("hidden", "is required: true or false");
        }
        String url = required("url", body.url());
        return change(
                id,
                authentication,
                (jurisdiction, actor) -> work.hidePhoto(jurisdiction, id, url, body.hidden(), actor));
    }

    @PostMapping("/requests/{id}/transfer")
    @Operation(summary = "Transfer the request to another department's queue")
    StaffRecord transfer(@PathVariable String id, @RequestBody TransferBody body, Authentication authentication) {
        return change(
                id,
                authentication,
                (jurisdiction, actor) -> work.transfer(
                        jurisdiction,
                        id,
                        required("department", body.department()),
                        required("reason", body.reason()),
                        actor));
    }

    @PostMapping("/requests/{id}/location")
    @Operation(
            summary = "Correct where the request is (an address, placed by the gazetteer when no point is given, or a"
                    + " point); its ward follows")
    StaffRecord relocate(@PathVariable String id, @RequestBody LocationBody body, Authentication authentication) {
        // Placed before the request is locked: the geocoder may be another city's service, over the network.
        org.civic311.requests.Location place = located(
                requests,
                access.member(authentication).jurisdictionId(),
                body.address(),
                body.latitude(),
                body.longitude());
        return change(
                id,
                authentication,
                (jurisdiction, actor) ->
                        work.relocate(jurisdiction, id, place, required("reason", body.reason()), actor));
    }

    /** A place as staff give it: the point they give, or the one the city's geocoder finds for the address. */
    static org.civic311.requests.Location located(
            org.civic311.requests.ServiceRequests requests,
            String jurisdictionId,
            @Nullable String address,
            @Nullable Double latitude,
            @Nullable Double longitude) {
        String clean = address == null || address.isBlank() ? null : address.strip();
        return requests.placed(
                jurisdictionId, new org.civic311.requests.Location(latitude, longitude, clean, null, null));
    }

    @PostMapping("/requests/{id}/type")
    @Operation(
            summary = "Correct the type of problem: the request goes to that type's queue, its due date is counted"
                    + " again from when it was made")
    StaffRecord recategorise(@PathVariable String id, @RequestBody TypeBody body, Authentication authentication) {
        return change(
                id,
                authentication,
                (jurisdiction, actor) -> asTheBodyNamesIt(
                        java.util.Map.of("service", "serviceCode"),
                        () -> work.recategorise(
                                jurisdiction,
                                id,
                                required("serviceCode", body.serviceCode()),
                                required("reason", body.reason()),
                                actor)));
    }

    @PostMapping("/requests/{id}/not-ours")
    @Operation(summary = "Give the request back to 311 to be routed again")
    StaffRecord notOurs(@PathVariable String id, @RequestBody ReasonBody body, Authentication authentication) {
        return change(
                id,
                authentication,
                (jurisdiction, actor) -> work.returnTo311(jurisdiction, id, required("reason", body.reason()), actor));
    }

    @PostMapping("/requests/{id}/reopen")
    @Operation(summary = "Reopen a closed request (closed, not fixed), telling the resident why")
    StaffRecord reopen(@PathVariable String id, @RequestBody ReopenBody body, Authentication authentication) {
        StaffMember member = access.member(authentication);
        // 311 reopens for a caller too, as the queue itself may.
        access.answer(
                member,
                id,
                () -> work.reopen(
                        member.jurisdictionId(),
                        id,
                        required("publicNote", body.publicNote()),
                        StaffAccess.actor(member, "api")));
        return work.record(member.jurisdictionId(), id);
    }

    @PostMapping("/requests/{id}/undo-close")
    @Operation(
            summary = "Undo a close made by mistake, within three days: back to the status it had, due as before;"
                    + " publicNote is optional")
    StaffRecord undoClose(@PathVariable String id, @RequestBody ReopenBody body, Authentication authentication) {
        return change(
                id,
                authentication,
                (jurisdiction, actor) -> work.undoClose(jurisdiction, id, body.publicNote(), actor));
    }

    @PostMapping("/requests/{id}/duplicate")
    @Operation(summary = "Close the request as a duplicate of an earlier open one, whose followers it joins")
    StaffRecord duplicate(@PathVariable String id, @RequestBody DuplicateBody body, Authentication authentication) {
        return change(
                id,
                authentication,
                (jurisdiction, actor) ->
                        work.markDuplicate(jurisdiction, id, required("parent", body.parent()), actor));
    }

    @PostMapping("/requests/{id}/notes")
    @Operation(summary = "Add a note: internal for staff, or public for the resident and followers")
    StaffRecord note(@PathVariable String id, @RequestBody NoteBody body, Authentication authentication) {
        StaffMember member = access.member(authentication);
        // An internal note from 311 (what a caller said) on any request; a public one speaks for the queue. Checked
        // under the request's lock, so that a transfer meanwhile cannot let a note through to another department's.
        String text = required("text", body.text());
        Runnable note = () -> asTheBodyNamesIt(
                java.util.Map.of("publicNote", "text", "internalNote", "text"),
                () -> work.addNote(
                        member.jurisdictionId(), id, text, body.isPublic(), StaffAccess.actor(member, "api")));
        if (body.isPublic()) {
            access.change(member, id, note);
        } else {
            access.answer(member, id, note);
        }
        return work.record(member.jurisdictionId(), id);
    }

    @PostMapping("/requests/{id}/followers")
    @Operation(summary = "Add a follower, who hears of each public status change by email, SMS or in a social thread")
    ResponseEntity<Void> follow(
            @PathVariable String id, @RequestBody FollowerBody body, Authentication authentication) {
        StaffMember member = access.member(authentication);
        // A caller asking to be kept posted is added by 311 as well as by the queue.
        FollowerChannel channel = channel(body.channel());
        String address = required("address", body.address());
        access.answer(
                member,
                id,
                () -> work.follow(
                        member.jurisdictionId(),
                        id,
                        channel,
                        address,
                        body.language(),
                        body.visibility(),
                        StaffAccess.actor(member, "api")));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/requests/{id}/possible-duplicates")
    @Operation(summary = "Open requests of the same type nearby, nearest first")
    List<ServiceRequest> possibleDuplicates(@PathVariable String id, Authentication authentication) {
        StaffMember member = access.member(authentication);
        // Each as its page reads to this member: another department's without what its reporter wrote of themselves.
        return work.possibleDuplicates(member.jurisdictionId(), id).stream()
                .map(nearby -> access.page(member, nearby.publicId()).request())
                .toList();
    }

    @GetMapping("/queues/{departmentCode}")
    @Operation(
            summary = "A department's work queue (\"311\" for requests returned for re-routing), soonest due first;"
                    + " with statuses, closed ones after the open, most recently closed first; q finds words of the"
                    + " address or description, or the reporter's email or phone number; assignee a crew's or staff"
                    + " member's name, \"me\" or \"-\" for nobody yet; updatedSince (a moment or a day) lists what"
                    + " changed since, closed too, least recently changed first, to keep a work-order system in step:"
                    + " the next page asked with updatedSince and afterId, the last one's updatedAt and id;"
                    + " paged by limit and offset")
    List<ServiceRequest> queue(
            @PathVariable String departmentCode,
            @RequestParam(required = false) List<String> status,
            @RequestParam(required = false) @Nullable String serviceCode,
            @RequestParam(required = false) @Nullable String ward,
            @RequestParam(name = "dueBefore", required = false) @Nullable String dueBeforeGiven,
            @RequestParam(name = "updatedSince", required = false) @Nullable String updatedSinceGiven,
            @RequestParam(required = false) @Nullable Long afterId,
            @RequestParam(required = false) @Nullable String assignee,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(defaultValue = "100") int limit,
            @RequestParam(defaultValue = "0") int offset,
            Authentication authentication) {
        StaffMember member = access.member(authentication);
        if (limit < 1 || limit > MAX_QUEUE) {
            throw new InvalidInputException("limit", "must be from 1 to " + MAX_QUEUE);
        }
        if (offset < 0 || offset > DepartmentScreens.MAX_FROM) {
            throw new InvalidInputException("offset", "must be from 0 to " + DepartmentScreens.MAX_FROM);
        }
        Instant dueBefore = moment(member, "dueBefore", dueBeforeGiven);
        Instant updatedSince = moment(member, "updatedSince", updatedSinceGiven);
        String department = departmentCode.equals("311") ? null : departmentCode;
        if (department != null && !member.canWork(department) && !member.canRoute()) {
            throw new AccessDeniedException(member.username() + " does not see the queue of " + departmentCode);
        }
        // Reporters' details are found and read only by those who may read them (the queue's own, and 311).
        boolean mayRead = member.canWork(department) || member.canRoute();
        List<ServiceRequest> queue = work.queue(new QueueQuery(
                member.jurisdictionId(),
                department,
                status == null ? List.of() : status,
                blank(serviceCode),
                blank(ward),
                dueBefore,
                // As the screens read it: "-" for nobody yet, "me" for the caller's own.
                "-".equals(assignee) ? QueueQuery.NOBODY : "me".equals(assignee) ? member.username() : blank(assignee),
                blank(q),
                mayRead,
                limit,
                offset,
                updatedSince,
                updatedSince == null ? null : afterId));
        return mayRead
                ? queue
                : queue.stream().map(ServiceRequest::withContactDetailsMasked).toList();
    }

    @PostMapping("/requests/{id}/due")
    @Operation(summary = "Move the day it is due (work waiting on the resident, a booked pickup), with the reason")
    StaffRecord reschedule(@PathVariable String id, @RequestBody DueBody body, Authentication authentication) {
        return change(
                id,
                authentication,
                (jurisdiction, actor) -> work.reschedule(
                        jurisdiction,
                        id,
                        body.due(),
                        body.reason() == null ? "" : body.reason(),
                        body.publicNote(),
                        actor));
    }

    /**
     * A photo staff took (a crew's before and after, from the street), for staff only unless {@code shown=true}: the
     * same checks as a resident's, and the same work rules as on the request's page.
     */
    @PostMapping(value = "/requests/{id}/photos", consumes = "multipart/form-data")
    @Operation(summary = "Add a photo (multipart field 'photo'); shown=true shows it to the public")
    StaffRecord addPhoto(
            @PathVariable String id,
            @RequestParam(name = "photo", required = false)
                    org.springframework.web.multipart.@Nullable MultipartFile photo,
            @RequestParam(defaultValue = "false") boolean shown,
            Authentication authentication) {
        byte[] content = DepartmentScreens.photoSent(photo, "send the photo as the multipart field 'photo'");
        return change(
                id, authentication, (jurisdiction, actor) -> work.addPhoto(jurisdiction, id, content, shown, actor));
    }

    /**
     * A moment ("2026-12-09T17:00:00-05:00", "…Z"), or a day in the city's time, which means the moment that day begins
     * there: a work-order system asks for what is due by a date, or changed since one, more often than by an instant.
     */
    private @Nullable Instant moment(StaffMember member, String field, @Nullable String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        String text = given.strip();
        Instant moment;
        try {
            moment = text.matches("\\d{4}-\\d{2}-\\d{2}")
                    ? java.time.LocalDate.parse(text)
                            .atStartOfDay(catalog.resolveJurisdiction(member.jurisdictionId())
                                    .timeZone())
                            .toInstant()
                    : java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.DateTimeException e) {
            throw new InvalidInputException(
                    field, "must be a day (2026-12-09) or a moment with its offset (2026-12-09T17:00:00-05:00)");
        }
        if (moment.isBefore(Instant.parse("1900-01-01T00:00:00Z"))
                || moment.isAfter(Instant.parse("9999-12-31T23:59:59Z"))) {
            throw new InvalidInputException(field, "must be between the years 1900 and 9999");
        }
        return moment;
    }

    /**
     * Runs a change whose refusal names the field as this call's body does: the requests module names it as the
     * screens' forms do ("publicNote", "service"), which an integrator's body does not hold.
     */
    private static void asTheBodyNamesIt(java.util.Map<String, String> fields, Runnable change) {
        try {
            change.run();
        } catch (InvalidInputException e) {
            String field = fields.get(e.field());
            if (field == null) {
                throw e;
            }
            throw new InvalidInputException(field, e.problem());
        }
    }

    /** A change by a member allowed to work the request; answers with the record as it now stands. */
    private StaffRecord change(String id, Authentication authentication, Change change) {
        StaffMember member = access.member(authentication);
        access.change(member, id, () -> change.apply(member.jurisdictionId(), StaffAccess.actor(member, "api")));
        return work.record(member.jurisdictionId(), id);
    }

    @FunctionalInterface
    interface Change {
        void apply(String jurisdictionId, Actor actor);
    }

    private static String required(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
        return value.strip();
    }

    private static @Nullable String blank(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static FollowerChannel channel(@Nullable String value) {
        try {
            return FollowerChannel.valueOf(required("channel", value).toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    "channel", "must be one of " + java.util.Arrays.toString(FollowerChannel.values()));
        }
    }

    static @Nullable Resolution resolution(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Resolution.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    "resolution", "must be one of " + java.util.Arrays.toString(Resolution.values()));
        }
    }
}
