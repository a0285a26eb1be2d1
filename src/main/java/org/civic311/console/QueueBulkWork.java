package org.civic311.console;

import java.util.ArrayList;
import java.util.List;
import org.civic311.common.InvalidInputException;
import org.civic311.common.NotFoundException;
import org.civic311.requests.Actor;
import org.civic311.requests.RequestWork;
import org.civic311.requests.Transition;
import org.civic311.staff.StaffMember;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * The morning's work given out in one go: the requests ticked in a queue assigned to one person or crew, moved on to
 * one status with one note to their residents, or transferred. Each is changed on its own, with the same checks as on
 * its page: one refused (closed meanwhile, another department's) is named and leaves the others done.
 */
@Controller
class QueueBulkWork {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(QueueBulkWork.class);

    /** The most requests one action changes: a page of the queue. */
    static final int MAX = DepartmentScreens.PAGE;

    private final StaffAccess access;
    private final RequestWork work;
    private final org.civic311.catalog.Catalog catalog;

    QueueBulkWork(StaffAccess access, RequestWork work, org.civic311.catalog.Catalog catalog) {
        this.access = access;
        this.work = work;
        this.catalog = catalog;
    }

    /** The queue's filters a page may carry back: its own, never anything else a form was given. */
    private static final java.util.Set<String> FILTERS =
            java.util.Set.of("status", "service", "ward", "due", "late", "mine", "held", "q");

    /** The queue as it was filtered when the requests were ticked. */
    static String queue(String department, String filters) {
        var kept = new org.springframework.util.LinkedMultiValueMap<String, String>();
        try {
            org.springframework.web.util.UriComponentsBuilder.fromUriString("/?" + filters)
                    .build()
                    .getQueryParams()
                    .forEach((name, values) -> {
                        if (FILTERS.contains(name)) {
                            values.stream()
                                    .filter(java.util.Objects::nonNull)
                                    .map(value -> UriUtils.decode(value, java.nio.charset.StandardCharsets.UTF_8))
                                    .forEach(value -> kept.add(name, value));
                        }
                    });
        } catch (IllegalArgumentException e) {
            // Filters that do not read as a query: the queue unfiltered.
            kept.clear();
        }
        // Encoded whole: braces in a search are not a URI template's variables to the redirect, nor "a+b" a space.
        StringBuilder back = new StringBuilder("/staff/queues/")
                .append(org.springframework.web.util.UriUtils.encodePathSegment(
                        department, java.nio.charset.StandardCharsets.UTF_8));
        char separator = '?';
        for (var filter : kept.entrySet()) {
            for (String value : filter.getValue()) {
                back.append(separator)
                        .append(filter.getKey())
                        .append('=')
                        .append(org.springframework.web.util.UriUtils.encode(
                                value, java.nio.charset.StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        return back.toString();
    }

    /** Refused before anything changed: the queue comes back with the same requests ticked and the note as written. */
    private static String keptAsTicked(
            RedirectAttributes flash, String error, List<String> ticked, @Nullable String publicNote, String back) {
        flash.addFlashAttribute("error", error);
        flash.addFlashAttribute("ticked", java.util.Set.copyOf(ticked));
        flash.addFlashAttribute("bulkNote", publicNote == null ? "" : publicNote);
        return back;
    }

    /** What is done to each ticked request. */
    private interface Change {
        void apply(String jurisdictionId, String publicId, Actor actor);
    }

    @PostMapping("/staff/queues/{department}/bulk")
    String bulk(
            @PathVariable String department,
            @RequestParam(name = "id", required = false) @Nullable List<String> ids,
            @RequestParam(defaultValue = "") String action,
            @RequestParam(defaultValue = "") String assignee,
            @RequestParam(defaultValue = "") String status,
            @RequestParam(required = false) @Nullable String resolution,
            @RequestParam(required = false) @Nullable String publicNote,
            @RequestParam(defaultValue = "") String toDepartment,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam(defaultValue = "") String filters,
            Authentication authentication,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        if (catalog.department(member.jurisdictionId(), department).isEmpty()) {
            throw new NotFoundException("no department " + department);
        }
        // Those who work the queue; each request is checked again as it is changed (one transferred meanwhile).
        if (!member.canWork(department)) {
            throw new AccessDeniedException(member.username() + " does not work the queue of " + department);
        }
        String back = "redirect:" + queue(department, filters);
        List<String> chosen = ids == null
                ? List.of()
                : ids.stream()
                        .map(String::strip)
                        .filter(id -> !id.isEmpty())
                        .distinct()
                        .toList();
        if (chosen.isEmpty()) {
            flash.addFlashAttribute("error", "Tick the requests to change first.");
            return back;
        }
        if (chosen.size() > MAX) {
            flash.addFlashAttribute("error", "At most " + MAX + " requests are changed at once.");
            return back;
        }
        String done;
        Change change;
        switch (action) {
            case "assign" -> {
                done = "assigned to " + assignee.strip();
                change = (jurisdiction, id, actor) -> work.assign(jurisdiction, id, assignee, actor);
            }
            case "status" -> {
                done = "moved on to "
                        + catalog.resolveJurisdiction(member.jurisdictionId())
                                .status(status)
                                .map(org.civic311.catalog.RequestStatus::name)
                                .orElse(status);
                org.civic311.catalog.Resolution chosenResolution;
                try {
                    chosenResolution = StaffApiController.resolution(resolution);
                } catch (InvalidInputException e) {
                    return keptAsTicked(flash, Refusals.said(e), chosen, publicNote, back);
                }
                // Closing tells every follower of every ticked request it is done: on a page of them, that is
                // said with a reason, not with "Status changed to Closed." alone.
                boolean closes = catalog.resolveJurisdiction(member.jurisdictionId())
                        .status(status)
                        .map(org.civic311.catalog.RequestStatus::closed)
                        .orElse(false);
                if (closes && (publicNote == null || publicNote.isBlank())) {
                    return keptAsTicked(
                            flash,
                            "Write the note to their residents: closing the ticked requests tells each follower"
                                    + " they are done, and why.",
                            chosen,
                            publicNote,
                            back);
                }
                // Said once for the batch, as WorkItem would say it of each ticked request.
                if (closes && chosenResolution == null) {
                    return keptAsTicked(
                            flash, "Choose the resolution: the requests are closed with it.", chosen, publicNote, back);
                }
                if (!closes && chosenResolution != null) {
                    return keptAsTicked(
                            flash, "A resolution goes with a closing status only.", chosen, publicNote, back);
                }
                change = (jurisdiction, id, actor) -> work.transition(
                        jurisdiction, id, new Transition(status, publicNote, null, chosenResolution), actor);
            }
            case "transfer" -> {
                if (reason.isBlank()) {
                    return keptAsTicked(flash, "Say why they are transferred.", chosen, publicNote, back);
                }
                done = "transferred to "
                        + catalog.department(member.jurisdictionId(), toDepartment)
                                .map(org.civic311.catalog.Department::name)
                                .orElse(toDepartment);
                change = (jurisdiction, id, actor) -> work.transfer(jurisdiction, id, toDepartment, reason, actor);
            }
            default -> {
                flash.addFlashAttribute("error", "Choose what to do with the ticked requests.");
                return back;
            }
        }
        Actor actor = StaffAccess.actor(member, "web");
        List<String> changed = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (String id : chosen) {
            try {
                access.change(member, id, () -> {
                    // Ticked in this queue: one moved to another since is not changed from here.
                    if (!department.equals(
                            work.request(member.jurisdictionId(), id).departmentCode())) {
                        throw new InvalidInputException("department", "it is no longer in this queue");
                    }
                    change.apply(member.jurisdictionId(), id, actor);
                });
                changed.add(id);
            } catch (InvalidInputException | AccessDeniedException | NotFoundException e) {
                refused.add(id + ": " + e.getMessage());
            } catch (RuntimeException e) {
                // The others are done and stay done: this one is named, to be tried on its own page.
                log.warn("Bulk change of request {} failed", id, e);
                refused.add(id + ": could not be changed; try it on its own page");
            }
        }
        if (!changed.isEmpty()) {
            flash.addFlashAttribute(
                    "message",
                    (changed.size() == 1 ? "1 request " : changed.size() + " requests ") + done + ": "
                            + String.join(", ", changed) + ".");
        }
        if (!refused.isEmpty()) {
            flash.addFlashAttribute("error", "Not changed: " + String.join("; ", refused) + ".");
        }
        return back;
    }
}
