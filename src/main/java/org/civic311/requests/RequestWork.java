package org.civic311.requests;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civic311.catalog.Catalog;
import org.civic311.catalog.Jurisdiction;
import org.civic311.catalog.RequestStatus;
import org.civic311.common.InvalidInputException;
import org.civic311.common.NotFoundException;
import org.civic311.common.PersonalDetails;
import org.civic311.common.PlainText;
import org.civic311.media.MediaStore;
import org.civic311.media.StoredMedia;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The requests module's API for staff: work queues, the full record, and every change of a request's work state.
 * Each change is audited with who made it and through which channel.
 */
@Service
public class RequestWork {

    static final int MAX_NOTE = 4000;

    private final Catalog catalog;
    private final RequestRepository requests;
    private final WorkRepository work;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RequestWork.class);

    private final Dispatches dispatches;
    private final org.civic311.staff.StaffDirectory staff;
    private final Breaches breaches;
    private final ApplicationEventPublisher events;
    private final FigureRepository figures;
    private final MediaStore media;
    private final Clock clock;

    private final org.civic311.triage.Triage triage;

    RequestWork(
            Catalog catalog,
            RequestRepository requests,
            WorkRepository work,
            Dispatches dispatches,
            Breaches breaches,
            ApplicationEventPublisher events,
            FigureRepository figures,
            MediaStore media,
            org.civic311.triage.Triage triage,
            org.civic311.staff.StaffDirectory staff,
            Clock clock) {
        this.triage = triage;
        this.staff = staff;
        this.figures = figures;
        this.media = media;
        this.catalog = catalog;
        this.requests = requests;
        this.work = work;
        this.dispatches = dispatches;
        this.breaches = breaches;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Locks the request for a change and tells which department's queue it is in, so that whether someone may work
     * it is decided on the state the change will apply to. Call within the change's transaction.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public Optional<String> lockForChange(String jurisdictionId, String publicId) {
        return Optional.ofNullable(lock(jurisdictionId, publicId).departmentCode());
    }

    public List<ServiceRequest> queue(QueueQuery query) {
        return work.queue(query);
    }

    /** Who holds a department's open requests: its colleagues and the crews they were given to. */
    @Transactional(readOnly = true)
    public List<String> holders(String jurisdictionId, String department) {
        return work.holders(jurisdictionId, department);
    }

    /** How many requests a queue holds, all its pages together. */
    public int queueSize(QueueQuery query) {
        return work.queueSize(query);
    }

    /**
     * Open requests escalated to the person, or escalated and now theirs to answer for (handed to them, or moved to
     * their area since), or anyone's for those who oversee every area; latest escalation first: what a supervisor has
     * to see to.
     */
    @Transactional(readOnly = true)
    public List<EscalatedRequest> openEscalations(String jurisdictionId, @Nullable String personKey, int limit) {
        return escalated(work.openEscalations(jurisdictionId, personKey, null, limit));
    }

    /**
     * Open escalated requests in a department's queue, whoever they were escalated to: what its manager answers for
     * when the area supervisors under them do not act.
     */
    @Transactional(readOnly = true)
    public List<EscalatedRequest> openEscalationsOfDepartment(String jurisdictionId, String department, int limit) {
        return escalated(work.openEscalations(jurisdictionId, null, department, limit));
    }

    private List<EscalatedRequest> escalated(List<EscalatedRequest.Row> rows) {
        Map<Long, ServiceRequest> byId = new java.util.HashMap<>();
        requests.byIds(rows.stream().map(EscalatedRequest.Row::requestId).toList())
                .forEach(request -> byId.put(request.id(), request));
        return rows.stream()
                .filter(row -> byId.containsKey(row.requestId()))
                .map(row -> new EscalatedRequest(byId.get(row.requestId()), row.escalation()))
                .toList();
    }

    /**
     * A caller's earlier requests, newest first: those whose reporter gave the same phone number, however it was
     * written. Empty for fewer than seven digits, which are not a phone number anyone can be told apart by.
     */
    @Transactional(readOnly = true)
    public List<ServiceRequest> reportedFromPhone(String jurisdictionId, @Nullable String phone, int limit) {
        String digits = phone == null ? "" : org.civic311.common.ResidentAddress.phoneKey(phone);
        if (digits.length() < 7) {
            return List.of();
        }
        return requests.byIds(work.reportedFromPhone(jurisdictionId, digits, limit));
    }

    /** The request alone, without the notes, history and dispatches a {@link #record} gathers. */
    public ServiceRequest request(String jurisdictionId, String publicId) {
        return requests.findByPublicId(jurisdictionId, publicId).orElseThrow(() -> notFound(publicId));
    }

    public StaffRecord record(String jurisdictionId, String publicId) {
        ServiceRequest request = request(jurisdictionId, publicId);
        List<String> earlier = List.of();
        if (request.isRepeatProblem()) {
            var type = catalog.requireServiceType(jurisdictionId, request.serviceCode());
            earlier = work.earlierReportsAtPlace(
                            new WorkRepository.Place(
                                    jurisdictionId,
                                    request.serviceCode(),
                                    request.location().address(),
                                    request.location().latitude(),
                                    request.location().longitude(),
                                    type.duplicates().repeatRadiusMetres()),
                            request.requestedAt()
                                    .minus(java.time.Duration.ofDays(
                                            type.duplicates().repeatWindowDays())),
                            request.id())
                    .newest();
        }
        return new StaffRecord(
                request,
                requests.originalDescription(request.id()),
                work.reporter(request.id()),
                work.notes(request.id()),
                work.audit(request.id()),
                work.followers(request.id()),
                work.escalations(request.id()),
                earlier,
                dispatches.state(request.id()),
                work.supervisorOf(request.id()));
    }

    /** The longest period a service report covers: a year, a leap day included. */
    public static final int MAX_REPORT_DAYS = 366;

    /** The most lines of a backlog: the worst of them, a screen's worth. */
    public static final int MAX_BACKLOG = 500;

    /**
     * The requests open now by department, ward and type (for one department, or all), the most overdue first, at most
     * {@link #MAX_BACKLOG} lines.
     */
    @Transactional(readOnly = true)
    public List<Backlog> backlog(String jurisdictionId, @Nullable String departmentCode) {
        return figures.backlog(
                catalog.resolveJurisdiction(jurisdictionId).id(), departmentCode, clock.instant(), MAX_BACKLOG);
    }

    /**
     * How each type of problem was served over the local days {@code from} to {@code to}, per department (or for one
     * department): received, closed, closed on time, open past due, median time to first response and to closing.
     *
     * @throws InvalidInputException when the period is backwards or longer than {@link #MAX_REPORT_DAYS}
     */
    @Transactional(readOnly = true)
    public ServiceReport serviceReport(
            String jurisdictionId, java.time.LocalDate from, java.time.LocalDate to, @Nullable String departmentCode) {
        if (to.isBefore(from)) {
            throw new InvalidInputException("to", "must not be before the first day, " + from);
        }
        if (java.time.temporal.ChronoUnit.DAYS.between(from, to) >= MAX_REPORT_DAYS) {
            throw new InvalidInputException("to", "a report covers at most " + MAX_REPORT_DAYS + " days");
        }
        var zone = catalog.resolveJurisdiction(jurisdictionId).timeZone();
        return new ServiceReport(
                from,
                to,
                departmentCode,
                figures.serviceReport(jurisdictionId, from, to, zone, departmentCode, clock.instant()));
    }

    /** How far back a repeat-problem hotspot is looked for. */
    static final java.time.Duration HOTSPOT_WEEKS = java.time.Duration.ofDays(56);

    /**
     * The places a department's problems keep coming back to, in the last eight weeks, most reports first: where its
     * crews' work does not hold (a bin route, a corner that floods).
     */
    @Transactional(readOnly = true)
    public List<RequestFigures.Hotspot> hotspots(String jurisdictionId, @Nullable String departmentCode) {
        return figures.hotspots(jurisdictionId, departmentCode, clock.instant().minus(HOTSPOT_WEEKS), 20);
    }

    /**
     * The supervisor's figures for the local days {@code from} to {@code to}: requests per channel, service level
     * breaches and time to first response per day, time to first response and to resolution per channel, and the
     * repeat-problem hotspots of the last eight weeks.
     */
    public RequestFigures figures(String jurisdictionId, java.time.LocalDate from, java.time.LocalDate to) {
        var zone = catalog.resolveJurisdiction(jurisdictionId).timeZone();
        var now = clock.instant();
        return new RequestFigures(
                figures.byChannel(jurisdictionId, from, to, zone),
                figures.service(jurisdictionId, from, to, zone, now),
                figures.timeliness(jurisdictionId, from, to, zone),
                figures.hotspots(jurisdictionId, null, now.minus(HOTSPOT_WEEKS), 10));
    }

    /**
     * What an agent should see before filing a new report of a type at a place: open requests of the type close by,
     * which it may duplicate, and how often the place had the problem within the repeat window.
     */
    public PlaceHistory placeHistory(String jurisdictionId, String serviceCode, Location location) {
        var type = catalog.requireServiceType(jurisdictionId, serviceCode);
        var policy = type.duplicates();
        List<ServiceRequest> nearby =
                openDuplicates(jurisdictionId, serviceCode, location, policy.duplicateRadiusMetres(), -1);
        var place = new WorkRepository.Place(
                jurisdictionId,
                serviceCode,
                location.address(),
                location.latitude(),
                location.longitude(),
                policy.repeatRadiusMetres());
        Instant since = clock.instant().minus(java.time.Duration.ofDays(policy.repeatWindowDays()));
        var earlier = work.earlierReportsAtPlace(place, since, -1);
        return new PlaceHistory(
                nearby,
                earlier.count(),
                earlier.newest(),
                policy.repeatThreshold(),
                policy.repeatWindowDays(),
                work.repeatEscalatedSince(place, since));
    }

    /**
     * The tracking numbers of the reports closed as duplicates of this one, oldest first: how many residents reported
     * the same problem, whose followers now hear of it through this request.
     */
    @Transactional(readOnly = true)
    public List<String> duplicatesOf(long requestId) {
        return work.duplicatesOf(requestId);
    }

    /** Open requests of the same type close to this one, which it may duplicate. */
    public List<ServiceRequest> possibleDuplicates(String jurisdictionId, String publicId) {
        ServiceRequest request = request(jurisdictionId, publicId);
        var type = catalog.requireServiceType(jurisdictionId, request.serviceCode());
        return openDuplicates(
                jurisdictionId,
                request.serviceCode(),
                request.location(),
                type.duplicates().duplicateRadiusMetres(),
                request.id());
    }

    /**
     * Open requests of the type a report at the place may duplicate: within the radius of its point, or, for an
     * address the gazetteer could not place (a phone report of a new building), at that address as it is written.
     */
    private List<ServiceRequest> openDuplicates(
            String jurisdictionId, String serviceCode, Location location, double radiusMetres, long excludeId) {
        if (location.hasPoint()) {
            return work.openNearby(
                    jurisdictionId, serviceCode, location.latitude(), location.longitude(), radiusMetres, excludeId);
        }
        return location.address() == null
                ? List.of()
                : work.openAtAddress(jurisdictionId, serviceCode, location.address(), excludeId);
    }

    @Transactional
    public void transition(String jurisdictionId, String publicId, Transition transition, Actor actor) {
        Jurisdiction jurisdiction = catalog.resolveJurisdiction(jurisdictionId);
        WorkItem item = lock(jurisdiction.id(), publicId);
        String publicNote = published(note("publicNote", transition.publicNote()), jurisdiction, item);
        String internalNote = note("internalNote", transition.internalNote());
        WorkItem next = item.transition(
                jurisdiction,
                new Transition(
                        transition.statusCode(),
                        publicNote,
                        internalNote,
                        transition.resolution(),
                        transition.seenStatus()));
        RequestStatus status = jurisdiction.requireStatus(next.statusCode());
        Instant now = clock.instant();
        if (item.statusCode().equals(next.statusCode())
                && sentAgain(item, publicNote != null ? publicNote : internalNote, actor, now)) {
            return;
        }
        if (item.statusCode().equals(next.statusCode()) && publicNote == null) {
            // Only an internal note, written with the status left as it was: staff's, and nothing to tell residents.
            work.audit(item.id(), now, actor, "internal note", "with the status left at " + status.name());
            requests.insertNote(
                    item.id(),
                    new Note(now, false, "internal", null, java.util.Objects.requireNonNull(internalNote)),
                    actor.name());
            return;
        }
        work.save(next, now, publicNote);
        String summary = item.statusCode().equals(next.statusCode())
                ? "note on " + status.name()
                : item.statusCode() + " → " + next.statusCode();
        if (next.resolution() != null) {
            summary += " (" + next.resolution() + ")";
        }
        work.audit(item.id(), now, actor, "status", summary);
        publicChange(
                next,
                jurisdiction,
                status,
                // Residents are promised word of every change: a new status without a note is one too.
                publicNote,
                next.closed() ? "closed" : "status",
                actor,
                now,
                null,
                null);
        if (internalNote != null) {
            requests.insertNote(item.id(), new Note(now, false, "internal", null, internalNote), actor.name());
        }
    }

    /** The member of staff takes the request, unless a colleague holds it already (then it is assigned over). */
    @Transactional
    public void take(String jurisdictionId, String publicId, Actor actor) {
        WorkItem item = lock(jurisdictionId, publicId);
        if (actor.name().equals(item.assignee())) {
            return;
        }
        WorkItem next = item.take(actor.name());
        Instant now = clock.instant();
        work.save(next, now, null);
        work.audit(item.id(), now, actor, "assigned", actor.name());
    }

    @Transactional
    public void assign(String jurisdictionId, String publicId, String assignee, Actor actor) {
        assign(jurisdictionId, publicId, assignee, null, actor);
    }

    /** Puts the request back in its queue, held by nobody, as seen held by {@code seenAssignee}. */
    @Transactional
    public void release(String jurisdictionId, String publicId, String seenAssignee, Actor actor) {
        WorkItem item = lock(jurisdictionId, publicId);
        WorkItem next = item.release(seenAssignee.strip());
        Instant now = clock.instant();
        work.save(next, now, null);
        work.audit(item.id(), now, actor, "unassigned", item.assignee() + ": back to the queue");
    }

    /**
     * Assigns the request, as seen held by {@code seenAssignee} on the page the assignment was made on ("" for
     * nobody; null when not known, as through the API): refused when a colleague has assigned it since.
     */
    @Transactional
    public void assign(
            String jurisdictionId, String publicId, String assignee, @Nullable String seenAssignee, Actor actor) {
        WorkItem item = lock(jurisdictionId, publicId);
        String department = item.departmentCode();
        String to = Assignee.chosen(
                assignee,
                staff.find(assignee.strip()).filter(m -> m.jurisdictionId().equals(jurisdictionId)),
                department == null ? List.of() : staff.ofDepartment(jurisdictionId, department),
                department == null ? List.of() : work.holders(jurisdictionId, department),
                department);
        if (to.equals(item.assignee())) {
            return; // already theirs: the same assignment sent again, or made by a colleague meanwhile
        }
        WorkItem next = seenAssignee == null
                ? item.assign(to)
                : item.assign(to, seenAssignee.isBlank() ? null : seenAssignee.strip());
        Instant now = clock.instant();
        work.save(next, now, null);
        work.audit(item.id(), now, actor, "assigned", (item.assignee() == null ? "" : item.assignee() + " → ") + to);
    }

    /**
     * Corrects a public note after it went out: a wrong date, a word that should not have been published. The public
     * reads the new wording from now on (staff see it marked as corrected); the audit trail keeps the first with the
     * reason. Followers who were told the first are not told again; a message of it not sent yet carries the second.
     */
    @Transactional
    public void correctPublicNote(
            String jurisdictionId, String publicId, long noteId, String text, String reason, Actor actor) {
        Jurisdiction jurisdiction = catalog.resolveJurisdiction(jurisdictionId);
        WorkItem item = lock(jurisdiction.id(), publicId);
        StaffNote note = work.notes(item.id()).stream()
                .filter(n -> n.id() == noteId)
                .findFirst()
                .orElseThrow(() -> new InvalidInputException("note", "is not a note of request " + publicId));
        if (!note.correctable()) {
            throw new InvalidInputException("note", "is not a public note staff wrote; it cannot be corrected");
        }
        String why = required("reason", reason);
        String corrected =
                java.util.Objects.requireNonNull(published(required("publicNote", text), jurisdiction, item));
        if (corrected.equals(note.text())) {
            throw new InvalidInputException("publicNote", "is as it was: change it, or leave it");
        }
        corrected(jurisdiction, item, note, corrected, why, actor);
    }

    /** A public note's new wording, the first kept in the audit trail, and told to the followers not told yet. */
    private void corrected(
            Jurisdiction jurisdiction, WorkItem item, StaffNote note, String corrected, String why, Actor actor) {
        Instant now = clock.instant();
        long noteId = note.id();
        work.correctNote(item.id(), noteId, corrected, actor.name(), now);
        String was = note.text().length() > 300 ? note.text().substring(0, 300) + "…" : note.text();
        work.audit(item.id(), now, actor, "public note corrected", why + " (it said: " + was + ")");
        String status = note.statusCode() == null ? item.statusCode() : note.statusCode();
        events.publishEvent(new PublicNoteCorrected(
                item.id(),
                jurisdiction.id(),
                item.publicId(),
                noteId,
                status,
                jurisdiction.status(status).map(RequestStatus::closed).orElse(false),
                corrected,
                actor.name(),
                now));
    }

    /** The most photos a request keeps, the resident's and staff's together. */
    static final int MAX_PHOTOS = 20;

    /**
     * A photo staff add to the request: the crew's before and after, a sign put up. It is public only when staff say
     * so; the request's lock keeps two added at once from taking one place. The file is gone again if the change is
     * not committed.
     */
    @Transactional
    public void addPhoto(String jurisdictionId, String publicId, byte[] content, boolean shown, Actor actor) {
        WorkItem item = lock(jurisdictionId, publicId);
        if (work.mediaCount(item.id()) >= MAX_PHOTOS) {
            throw new InvalidInputException(
                    "photo", "request " + publicId + " has " + MAX_PHOTOS + " photos already; hide or keep those");
        }
        StoredMedia stored = shown ? media.store("photo", content) : media.storeForStaff("photo", content);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    media.delete(stored.path());
                }
            }
        });
        work.addMedia(item.id(), stored.path(), shown);
        Instant now = clock.instant();
        work.touch(item.id(), now);
        work.audit(item.id(), now, actor, "photo added", shown ? "shown to the public" : "kept for staff");
    }

    /**
     * Takes a photo of the request out of public view, or shows it again: a face, a licence plate or the inside of a
     * home stays with staff. The Open311 API and the request's page show only the public photos. A hidden photo of
     * Civic311's own store moves to a new address served to staff alone; one shown again moves back to a public
     * address. The address it leaves is gone once this commits.
     */
    @Transactional
    public void hidePhoto(String jurisdictionId, String publicId, String url, boolean hidden, Actor actor) {
        WorkItem item = lock(jurisdictionId, publicId);
        boolean shown = work.mediaPublic(item.id(), url)
                .orElseThrow(() -> new InvalidInputException("url", "is not a photo of request " + publicId));
        if (shown != hidden) {
            return; // already as asked
        }
        String keptAt = url;
        // A photo of the store moves to where its new audience is served: one hidden is served to staff alone.
        if (MediaStore.isForStaff(url) != hidden) {
            var moved = media.copyFor(hidden ? MediaStore.Audience.STAFF : MediaStore.Audience.PUBLIC, url);
            if (moved.isEmpty() && MediaStore.isForStaff(url)) {
                // Its staff address must never be published: a photo whose file is gone stays hidden.
                throw new InvalidInputException("url", "the photo's file is gone; it cannot be shown");
            }
            keptAt = moved.map(StoredMedia::path).orElse(url);
            if (!keptAt.equals(url)) {
                String copy = keptAt;
                // Files are not in the transaction: the address it leaves goes only once the change is committed.
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        // When the outcome is unknown, both files stay: a stray copy costs less than a lost photo.
                        if (status == STATUS_COMMITTED) {
                            media.delete(url);
                        } else if (status == STATUS_ROLLED_BACK) {
                            media.delete(copy);
                        }
                    }
                });
            }
        }
        work.hideMedia(item.id(), url, keptAt, hidden);
        work.audit(
                item.id(),
                clock.instant(),
                actor,
                "photo",
                hidden ? "a photo is hidden from the public" : "a photo is public again");
    }

    /**
     * Marks the request's place private, or public again: a private place is shown to the public only as its area and
     * street, the request is not found by place, and its photos leave public view.
     */
    @Transactional
    public void markPlacePrivate(String jurisdictionId, String publicId, boolean placePrivate, Actor actor) {
        WorkItem item = lock(jurisdictionId, publicId);
        work.markPlacePrivate(item.id(), placePrivate);
        work.audit(
                item.id(),
                clock.instant(),
                actor,
                "place",
                placePrivate ? "the place is private" : "the place is public again");
        if (placePrivate) {
            hidePublicPhotos(jurisdictionId, publicId, actor);
            withoutDoorInPublicNotes(catalog.resolveJurisdiction(jurisdictionId), item, actor);
        }
    }

    /**
     * A request that has just become about a home takes its door out of the public notes written before (a note may
     * name the address and unit while the place was public), as it would have been refused in one written now.
     */
    private void withoutDoorInPublicNotes(Jurisdiction jurisdiction, WorkItem item, Actor actor) {
        String home = request(jurisdiction.id(), item.publicId()).location().address();
        for (StaffNote note : work.notes(item.id())) {
            if (note.isPublic() && PersonalDetails.namesHome(note.text(), home)) {
                corrected(
                        jurisdiction,
                        item,
                        note,
                        PersonalDetails.withoutHomesDoor(note.text(), home),
                        "the place is private: the note no longer says at which door",
                        actor);
            }
        }
    }

    /**
     * A request that has just become about a home takes its photos out of public view too, as those of a report
     * filed as one start: a front door or a house number would give away the place the map now hides. Staff show
     * again those that give nothing away.
     */
    private void hidePublicPhotos(String jurisdictionId, String publicId, Actor actor) {
        ServiceRequest request = request(jurisdictionId, publicId);
        for (String url : request.mediaUrls()) {
            if (!request.hiddenMediaUrls().contains(url)) {
                hidePhoto(jurisdictionId, publicId, url, true, actor);
            }
        }
    }

    /**
     * Corrects what the public reads of the description (a neighbour's name, a door the words gave away), everywhere
     * it is published: the request's page, Open311 and open data. Staff keep the resident's own words. Empty, the
     * public reads no description at all. The correction is checked as a public note is.
     */
    @Transactional
    public void correctPublicDescription(
            String jurisdictionId, String publicId, @Nullable String text, String reason, Actor actor) {
        Jurisdiction jurisdiction = catalog.resolveJurisdiction(jurisdictionId);
        String why = required("reason", reason);
        String corrected = note("publicDescription", text);
        WorkItem item = lock(jurisdiction.id(), publicId);
        published("publicDescription", corrected, jurisdiction, item);
        Instant now = clock.instant();
        work.correctPublicDescription(item.id(), corrected == null ? "" : corrected, now);
        work.audit(item.id(), now, actor, "public description corrected", why);
    }

    @Transactional
    public void transfer(String jurisdictionId, String publicId, String departmentCode, String reason, Actor actor) {
        Jurisdiction jurisdiction = catalog.resolveJurisdiction(jurisdictionId);
        if (catalog.department(jurisdiction.id(), departmentCode).isEmpty()) {
            throw new InvalidInputException("department", "'" + departmentCode + "' is not a department");
        }
        // The contact centre's own queue is worked by nobody: a request that is no department's goes back to 311,
        // where agents route it.
        if (departmentCode.equals(jurisdiction.contactCentre())) {
            throw new InvalidInputException(
                    "department",
                    "is the contact centre, which works no requests: give it back to 311 (\"not ours\") instead");
        }
        String why = required("reason", reason);
        WorkItem item = lock(jurisdiction.id(), publicId);
        WorkItem next = item.transfer(departmentCode);
        Instant now = clock.instant();
        work.save(next, now, null);
        // Taken on by a department's own queue, it is no longer to be sent to the old type's other system.
        dispatches.cancel(item.id(), "transferred to " + departmentCode + " before it was sent", now);
        ServiceRequest request = requests.byIds(List.of(item.id())).getFirst();
        answeredBy(item.id(), catalog.areaSupervisor(jurisdiction.id(), departmentCode, request.wardCode()), now);
        work.audit(item.id(), now, actor, "transferred", item.departmentCode() + " → " + departmentCode + ": " + why);
        requests.insertNote(
                item.id(),
                new Note(now, false, "transfer", null, "Transferred to " + departmentCode + ": " + why),
                actor.name());
    }

    /**
     * Corrects the type of problem a request is about, when the resident, triage or an agent chose the wrong one. It
     * goes to the queue the new type is routed to (and its dispatch, if that type is sent elsewhere), its due date is
     * counted again from when it was made (or reopened), and the answers it holds stay with it.
     */
    @Transactional
    public void recategorise(String jurisdictionId, String publicId, String serviceCode, String reason, Actor actor) {
        Jurisdiction jurisdiction = catalog.resolveJurisdiction(jurisdictionId);
        String why = required("reason", reason);
        org.civic311.catalog.ServiceType type = catalog.requireActiveServiceType(jurisdiction.id(), serviceCode);
        WorkItem item = lock(jurisdiction.id(), publicId);
        ServiceRequest request = requests.byIds(List.of(item.id())).getFirst();
        if (request.serviceCode().equals(type.code())) {
            throw new InvalidInputException("service", "is already " + type.name());
        }
        org.civic311.catalog.Route route = catalog.route(jurisdiction.id(), type, request.wardCode());
        WorkItem next = item.recategorise(route.departmentCode());
        Instant now = clock.instant();
        work.save(next, now, null);
        // A place private because of the type it was reported as (someone's home) stays private under any other.
        if (request.locationPrivate()) {
            work.markPlacePrivate(item.id(), true);
        }
        if (type.privateLocation() && !request.locationPrivate()) {
            hidePublicPhotos(jurisdiction.id(), publicId, actor);
            withoutDoorInPublicNotes(jurisdiction, item, actor);
        }
        Instant from = work.targetFrom(item.id());
        Instant due = type.target().dueFrom(from, jurisdiction.timeZone(), jurisdiction.calendar());
        // A due day staff moved by hand (a pickup booked for a day the resident chose) is a promise, kept when it is
        // later than the new type's: counted again, it could fall in the past and be breached within the minute.
        Instant counted = catalog.serviceType(jurisdiction.id(), request.serviceCode())
                .map(old -> old.target().dueFrom(from, jurisdiction.timeZone(), jurisdiction.calendar()))
                .orElse(null);
        Instant current = request.expectedAt();
        if (current != null && counted != null && !current.equals(counted) && current.isAfter(due)) {
            due = current;
        }
        work.changeType(item.id(), type, due, now);
        answeredBy(item.id(), route.supervisorKey(), now);
        if (!(route.dispatch() instanceof org.civic311.catalog.Dispatch.Queue)) {
            dispatches.schedule(item.id(), route.dispatch(), now);
        } else {
            dispatches.cancel(item.id(), "re-typed to " + type.code() + " before it was sent", now);
        }
        work.audit(item.id(), now, actor, "type changed", request.serviceCode() + " → " + type.code() + ": " + why);
        requests.insertNote(
                item.id(),
                new Note(
                        now,
                        false,
                        "type changed",
                        null,
                        "Now " + type.name() + ", was " + request.serviceName() + ": " + why),
                actor.name());
        // The resident is told what their request is now and when it is due, as they were when they made it; the
        // reason stays with staff.
        publicChange(
                next,
                jurisdiction,
                jurisdiction.requireStatus(next.statusCode()),
                null,
                "type changed",
                actor,
                now,
                null,
                new RequestStatusChanged.Retyped(type.name(), next.closed() ? null : due));
    }

    /**
     * Corrects where a request is: an address the gazetteer could not place, a pin dropped on the wrong street. Its
     * ward follows the point, and the area's supervisor with it; its queue stays, since a transfer says why it moves.
     */
    @Transactional
    public void relocate(String jurisdictionId, String publicId, Location location, String reason, Actor actor) {
        Jurisdiction jurisdiction = catalog.resolveJurisdiction(jurisdictionId);
        String why = required("reason", reason);
        Location place = ServiceRequests.checkLocation(location);
        String ward = ServiceRequests.wardOf(catalog, jurisdiction, place);
        WorkItem item = lock(jurisdiction.id(), publicId).relocate();
        ServiceRequest request = requests.byIds(List.of(item.id())).getFirst();
        if (!place.hasPoint() && request.location().hasPoint()) {
            throw new InvalidInputException(
                    "address",
                    "“" + place.address() + "” is not in the city's address data: give its latitude and longitude"
                            + " too, so that the request keeps a point on the map");
        }
        Instant now = clock.instant();
        work.relocate(item.id(), place, ward, now);
        if (request.departmentCode() != null) {
            // The rule for this type in the new ward names its supervisor, as at intake; else the department's.
            org.civic311.catalog.Route route = catalog.route(
                    jurisdiction.id(), catalog.requireServiceType(jurisdiction.id(), request.serviceCode()), ward);
            answeredBy(
                    item.id(),
                    route.departmentCode().equals(request.departmentCode())
                            ? route.supervisorKey()
                            : catalog.areaSupervisor(jurisdiction.id(), request.departmentCode(), ward),
                    now);
        }
        String change = describe(request.location()) + " → " + describe(place) + ": " + why;
        work.audit(item.id(), now, actor, "place corrected", change);
        requests.insertNote(item.id(), new Note(now, false, "place corrected", null, change), actor.name());
    }

    /** The furthest a due day may be moved: a season's booked work, not a way to park a request for good. */
    static final int MAX_RESCHEDULE_DAYS = 180;

    /**
     * Moves the day a request is due, for work that waits on something outside the department (the resident, the next
     * collection day, a part on order): due at the close of that working day, back on track, the reason kept with
     * staff. Followers are told the new day when staff write them a note; an escalation for a missed target leaves
     * the supervisors' lists with the breach, as the request is on track again.
     */
    @Transactional
    public void reschedule(
            String jurisdictionId,
            String publicId,
            java.time.@Nullable LocalDate day,
            String reason,
            @Nullable String publicNote,
            Actor actor) {
        Jurisdiction jurisdiction = catalog.resolveJurisdiction(jurisdictionId);
        String why = required("reason", reason);
        if (day == null) {
            throw new InvalidInputException("due", "is required: the day the work is now expected");
        }
        Instant now = clock.instant();
        java.time.LocalDate today = java.time.LocalDate.ofInstant(now, jurisdiction.timeZone());
        if (!day.isAfter(today) || day.isAfter(today.plusDays(MAX_RESCHEDULE_DAYS))) {
            throw new InvalidInputException(
                    "due", "must be a day after today and at most " + MAX_RESCHEDULE_DAYS + " days ahead");
        }
        if (!jurisdiction.calendar().isBusinessDay(day)) {
            throw new InvalidInputException("due", "is not a working day of the city: choose one it works");
        }
        WorkItem item = lock(jurisdiction.id(), publicId).reschedule();
        ServiceRequest request = requests.byIds(List.of(item.id())).getFirst();
        Instant due = jurisdiction.calendar().closeOf(day, jurisdiction.timeZone());
        work.reschedule(item.id(), due, now);
        String change = (request.expectedAt() == null
                        ? "no due day"
                        : java.time.LocalDate.ofInstant(request.expectedAt(), jurisdiction.timeZone())
                                .toString())
                + " → " + day + ": " + why;
        work.audit(item.id(), now, actor, "due day moved", change);
        requests.insertNote(item.id(), new Note(now, false, "due day moved", null, change), actor.name());
        String note = published(note("publicNote", publicNote), jurisdiction, item);
        if (note != null) {
            publicChange(
                    item,
                    jurisdiction,
                    jurisdiction.requireStatus(item.statusCode()),
                    note,
                    "status",
                    actor,
                    now,
                    null,
                    null);
        }
    }

    /**
     * Who answers for the request from now on. One already past its target is escalated to them at once: the watch
     * escalates a breach only when it happens, and whoever answered for it before no longer works it.
     */
    private void answeredBy(long requestId, @Nullable String supervisor, Instant now) {
        String before = work.supervisorOf(requestId);
        work.setSupervisor(requestId, supervisor);
        if (supervisor != null && !supervisor.equals(before)) {
            ServiceRequest request = requests.byIds(List.of(requestId)).getFirst();
            if (request.slaState() == SlaState.BREACHED) {
                breaches.escalate(request, supervisor, now);
            }
        }
    }

    private static String describe(Location location) {
        String point = location.hasPoint() ? location.latitude() + ", " + location.longitude() : null;
        if (location.address() != null) {
            return point == null ? location.address() : location.address() + " (" + point + ")";
        }
        return point != null ? point : "no place";
    }

    /**
     * "Not ours": the department gives the request back to 311 to be routed again. The contact centre's supervisor
     * answers for it while it waits there, not the department that gave it back.
     */
    @Transactional
    public void returnTo311(String jurisdictionId, String publicId, String reason, Actor actor) {
        Jurisdiction jurisdiction = catalog.resolveJurisdiction(jurisdictionId);
        String why = required("reason", reason);
        WorkItem item = lock(jurisdiction.id(), publicId);
        WorkItem next = item.returnTo311();
        Instant now = clock.instant();
        work.save(next, now, null);
        ServiceRequest request = requests.byIds(List.of(item.id())).getFirst();
        String contactCentre = jurisdiction.contactCentre();
        if (contactCentre == null) {
            log.warn(
                    "Request {} returned to 311 in {}: the city names no contact centre to answer for it"
                            + " (jurisdiction.contactCentre in its catalogue file)",
                    publicId,
                    jurisdiction.id());
        }
        answeredBy(
                item.id(),
                contactCentre == null
                        ? null
                        : catalog.areaSupervisor(jurisdiction.id(), contactCentre, request.wardCode()),
                now);
        work.audit(item.id(), now, actor, "returned to 311", item.departmentCode() + ": " + why);
        requests.insertNote(
                item.id(),
                new Note(now, false, "not ours", null, "Not ours (" + item.departmentCode() + "): " + why),
                actor.name());
    }

    /**
     * "Closed, not fixed": the request goes back into its department's queue with a note to the resident, and is due
     * the type's time from now.
     */
    @Transactional
    public void reopen(String jurisdictionId, String publicId, String publicNote, Actor actor) {
        Jurisdiction jurisdiction = catalog.resolveJurisdiction(jurisdictionId);
        WorkItem item = lock(jurisdiction.id(), publicId);
        String note = published(required("publicNote", publicNote), jurisdiction, item);
        RequestStatus open = jurisdiction.statuses().stream()
                .filter(s -> !s.closed() && !s.initial())
                .findFirst()
                .orElse(jurisdiction.initialStatus());
        WorkItem next = item.reopen(open);
        Instant now = clock.instant();
        work.save(next, now, note);
        // The problem is back: the department has the type's whole time again from now, not a date long past that
        // would count it as breached within the minute.
        ServiceRequest request = requests.byIds(List.of(item.id())).getFirst();
        catalog.serviceType(jurisdiction.id(), request.serviceCode())
                .ifPresent(type -> work.restartTarget(
                        item.id(), now, type.target().dueFrom(now, jurisdiction.timeZone(), jurisdiction.calendar())));
        work.audit(item.id(), now, actor, "reopened", item.statusCode() + " → " + open.code());
        if (item.assignee() != null) {
            work.audit(item.id(), now, actor, "unassigned", item.assignee() + ": back to the queue, reopened");
        }
        publicChange(next, jurisdiction, open, note, "reopened", actor, now, null, null);
    }

    /** How long after a close it may be undone; later, a request closed but not fixed is reopened. */
    public static final java.time.Duration UNDO_CLOSE_WITHIN = java.time.Duration.ofDays(3);

    /**
     * Undoes a close made by mistake (the wrong request ticked, "completed" chosen for "in progress"): the request is
     * back in the status it had, held by whoever held it, due when it was due, and still escalated if it was past its
     * target, which reopening would start again. Its followers are told it is open again.
     *
     * @param publicNote what the resident is told, or null for the change of status alone
     */
    @Transactional
    public void undoClose(String jurisdictionId, String publicId, @Nullable String publicNote, Actor actor) {
        Jurisdiction jurisdiction = catalog.resolveJurisdiction(jurisdictionId);
        WorkItem item = lock(jurisdiction.id(), publicId);
        String note = published(note("publicNote", publicNote), jurisdiction, item);
        Instant now = clock.instant();
        item.checkCloseUndoable();
        WorkRepository.ClosedFrom closed = work.closedFrom(item.id())
                .orElseThrow(() -> new InvalidInputException(
                        "status",
                        "request " + publicId + " was not closed by a change staff can undo: reopen it instead"));
        if (closed.at().isBefore(now.minus(UNDO_CLOSE_WITHIN))) {
            throw new InvalidInputException(
                    "status",
                    "request " + publicId + " closed more than " + UNDO_CLOSE_WITHIN.toDays()
                            + " days ago: reopen it with a note to the resident instead");
        }
        RequestStatus before = jurisdiction.requireStatus(closed.statusBefore());
        WorkItem next = item.undoClose(before);
        String said = note != null ? note : "Status changed to " + before.name() + ".";
        work.save(next, now, said);
        work.audit(item.id(), now, actor, "close undone", item.statusCode() + " → " + before.code());
        publicChange(next, jurisdiction, before, note, "status", actor, now, null, null);
    }

    /** Links a request to the earlier one it duplicates: it closes, and its followers follow the earlier one. */
    @Transactional
    public void markDuplicate(String jurisdictionId, String publicId, String parentNumber, Actor actor) {
        Jurisdiction jurisdiction = catalog.resolveJurisdiction(jurisdictionId);
        // Typed or read out by a caller: a stray space or a wrong digit is the agent's to correct, not a missing page;
        // "#1000123", as numbers are written in emails and on the screens, is the number.
        String parentPublicId = parentNumber.strip().replaceFirst("^#\\s*", "");
        if (parentPublicId.isEmpty()) {
            throw new InvalidInputException("parent", "is required: the number of the earlier request");
        }
        java.util.function.Function<String, WorkItem> locked = id -> work.lock(jurisdiction.id(), id)
                .orElseThrow(() -> id.equals(publicId)
                        ? notFound(id)
                        : new InvalidInputException("parent", "no request is numbered “" + id + "”"));
        // Lock in a fixed order so that two people linking the same pair the other way round cannot deadlock.
        List<String> order = new ArrayList<>(List.of(publicId, parentPublicId));
        order.sort(Comparator.naturalOrder());
        WorkItem first = locked.apply(order.get(0));
        WorkItem second = order.get(0).equals(order.get(1)) ? first : locked.apply(order.get(1));
        WorkItem item = first.publicId().equals(publicId) ? first : second;
        WorkItem parent = first.publicId().equals(publicId) ? second : first;
        RequestStatus duplicate = jurisdiction
                .status(WorkItem.DUPLICATE_STATUS)
                .filter(RequestStatus::closed)
                .orElse(jurisdiction.firstStatus(true));
        WorkItem next = item.duplicateOf(parent, duplicate);
        Instant now = clock.instant();
        // The record keeps this English note; followers and the portal read it in their language, by its kind.
        String note = "This problem was already reported as request " + parent.publicId()
                + ". We are working on it there, and you will hear about its progress.";
        work.save(next, now, note);
        work.moveFollowers(item.id(), parent.id(), now);
        work.audit(item.id(), now, actor, "duplicate", "of " + parent.publicId());
        work.audit(parent.id(), now, actor, "duplicate linked", item.publicId());
        publicChange(next, jurisdiction, duplicate, note, "duplicate", actor, now, parent.publicId(), null);
    }

    /**
     * Records that staff answered the resident outside the request's own notes: a reply in the conversation the
     * request came from or was linked to. The first such answer, public note or change of status is the request's
     * {@link FirstResponse}.
     *
     * @param toReporter whether the reply went to the resident who reported it (the request was filed from their
     *     conversation), not to someone else asking about it
     * @param where the channel the reply went out in, as staff read it ("on X")
     */
    @Transactional
    public void recordReply(String jurisdictionId, String publicId, Actor actor, boolean toReporter, String where) {
        recordReply(jurisdictionId, publicId, actor, toReporter, where, clock.instant());
    }

    /** How long after a note the same words from the same person are taken for the same form sent again. */
    static final java.time.Duration SENT_AGAIN_WITHIN = java.time.Duration.ofMinutes(2);

    /**
     * Whether the person wrote these very words on the request moments ago: a form sent twice (a double tap, a retry on
     * a bad connection) is done once, and residents are not told the same thing twice. The request's lock is held,
     * so the second waits for the first to commit and then finds it.
     */
    private boolean sentAgain(WorkItem item, @Nullable String note, Actor actor, Instant now) {
        return note != null && requests.wroteSince(item.id(), actor.name(), note, now.minus(SENT_AGAIN_WITHIN));
    }

    /** A reply that went before the request was filed from its conversation, at the time it went. */
    public void recordReply(
            String jurisdictionId, String publicId, Actor actor, boolean toReporter, String where, Instant at) {
        ServiceRequest request = request(jurisdictionId, publicId);
        work.audit(request.id(), at, actor, toReporter ? "replied" : "answered a follower", where);
    }

    @Transactional
    public void addNote(String jurisdictionId, String publicId, String text, boolean isPublic, Actor actor) {
        String written = required(isPublic ? "publicNote" : "internalNote", text);
        Jurisdiction jurisdiction = catalog.resolveJurisdiction(jurisdictionId);
        WorkItem item = lock(jurisdiction.id(), publicId);
        String note = isPublic ? published(written, jurisdiction, item) : written;
        Instant now = clock.instant();
        if (sentAgain(item, note, actor, now)) {
            return;
        }
        if (isPublic) {
            work.save(item, now, note);
            publicChange(
                    item,
                    jurisdiction,
                    jurisdiction.requireStatus(item.statusCode()),
                    note,
                    "comment",
                    actor,
                    now,
                    null,
                    null);
        } else {
            requests.insertNote(item.id(), new Note(now, false, "internal", null, note), actor.name());
        }
        work.audit(item.id(), now, actor, isPublic ? "public note" : "internal note", "");
    }

    /**
     * Adds a follower, who hears of each public change in their channel; following twice changes nothing.
     *
     * @param visibility for a Mastodon thread, the visibility replies keep ({@code public} when not given)
     */
    @Transactional
    public void follow(
            String jurisdictionId,
            String publicId,
            FollowerChannel channel,
            String address,
            @Nullable String language,
            @Nullable String visibility,
            Actor actor) {
        follow(jurisdictionId, publicId, channel, address, language, visibility, null, actor);
    }

    /**
     * The same for a resident who is not the address updates go to: an account on X or Mastodon, following through
     * the post or direct-message thread they wrote in, by which an erasure of the account finds them.
     */
    @Transactional
    public void follow(
            String jurisdictionId,
            String publicId,
            FollowerChannel channel,
            String address,
            @Nullable String language,
            @Nullable String visibility,
            @Nullable String resident,
            Actor actor) {
        String clean = PlainText.singleLine(address);
        if (clean == null || clean.length() > 320) {
            throw new InvalidInputException("address", "is required, in at most 320 characters");
        }
        String normalised = channel.normalise(clean);
        if (channel == FollowerChannel.SMS && textMessagesStopped(normalised)) {
            throw new TextMessagesStopped(
                    "has asked for no text messages (STOP); they can text START to the city's number");
        }
        String kept = null;
        if (channel == FollowerChannel.FEDIVERSE) {
            kept = visibility == null || visibility.isBlank() ? "public" : visibility.strip();
            if (!List.of("public", "unlisted", "private", "direct").contains(kept)) {
                throw new InvalidInputException("visibility", "must be public, unlisted, private or direct");
            }
        }
        ServiceRequest request =
                request(catalog.resolveJurisdiction(jurisdictionId).id(), publicId);
        Instant now = clock.instant();
        work.follow(request.id(), channel, normalised, ServiceRequests.language(language), kept, resident, now);
        work.audit(request.id(), now, actor, "follower added", channel.name());
    }

    public List<Follower> followers(long requestId) {
        return work.followers(requestId);
    }

    /** The follower waiting for the token to confirm their address, if it still waits. */
    public Optional<Follower> pendingFollower(long requestId, String confirmToken) {
        return work.pendingFollower(requestId, confirmToken);
    }

    /**
     * A resident asks, from the portal, to follow a request by email or by text message. Nothing is sent to the
     * address but a link to confirm it (double opt-in); asking again for an address that follows or waits changes
     * nothing.
     *
     * @param address an email address, or a mobile number for text messages
     * @return the channel the address was taken for
     */
    @Transactional
    public FollowerChannel requestToFollow(
            String jurisdictionId, String publicId, String address, @Nullable String language) {
        String clean = PlainText.singleLine(address);
        if (clean == null || clean.length() > 320) {
            throw new InvalidInputException("address", "is required: an email address or a mobile number");
        }
        FollowerChannel channel = clean.contains("@") ? FollowerChannel.EMAIL : FollowerChannel.SMS;
        String normalised = channel.normalise(clean);
        if (channel == FollowerChannel.SMS && work.optedOut(normalised.replaceAll("[^0-9]", ""))) {
            throw new TextMessagesStopped(
                    "has asked for no text messages (STOP); text START to the city's number first");
        }
        ServiceRequest request =
                request(catalog.resolveJurisdiction(jurisdictionId).id(), publicId);
        String lang = ServiceRequests.language(language);
        work.followPending(request.id(), channel, normalised, lang, clock.instant())
                .ifPresent(token -> events.publishEvent(new FollowConfirmationRequested(
                        request.id(),
                        request.jurisdictionId(),
                        request.publicId(),
                        channel,
                        normalised,
                        token.toString(),
                        lang)));
        return channel;
    }

    /**
     * A resident texted STOP: their number follows nothing any more, and nothing more is texted to it, not even a
     * confirmation, until it texts START. Numbers are compared by their digits, so that "416-555-0123" typed on the
     * portal matches "+14165550123" as the SMS provider writes it.
     *
     * @return how many requests the number stopped following
     */
    @Transactional
    public int stopTextMessages(String phone) {
        String digits = phone.replaceAll("[^0-9]", "");
        if (digits.length() < 7) {
            return 0;
        }
        work.optOut(digits, clock.instant());
        return work.unfollowNumber(digits);
    }

    /** Whether the number texted STOP (and not START since): no text message may go to it. */
    public boolean textMessagesStopped(String phone) {
        String digits = phone.replaceAll("[^0-9]", "");
        return digits.length() >= 7 && work.optedOut(digits);
    }

    /** A resident texted START after STOP: their number may be followed again (each follow confirmed anew). */
    @Transactional
    public void startTextMessages(String phone) {
        String digits = phone.replaceAll("[^0-9]", "");
        if (digits.length() >= 7) {
            work.optIn(digits);
        }
    }

    /** Confirms a follower's address; the tracking number of the request it now follows. */
    @Transactional
    public Optional<String> confirmFollow(String token) {
        return work.confirmFollow(token, clock.instant());
    }

    /**
     * Stops a follower's messages; the token comes from the link in every message. The same link used again finds
     * them stopped.
     */
    @Transactional
    public void unfollow(String unsubscribeToken) {
        work.unfollow(unsubscribeToken, clock.instant());
    }

    /** The request a "stop following" link is for, and whether it was used already. */
    public Optional<Following> following(String unsubscribeToken) {
        return work.following(unsubscribeToken);
    }

    private void publicChange(
            WorkItem item,
            Jurisdiction jurisdiction,
            RequestStatus status,
            @Nullable String written,
            String kind,
            Actor actor,
            Instant now,
            @Nullable String duplicateOf,
            RequestStatusChanged.@Nullable Retyped retyped) {
        // The record keeps an English line for a change without a note; the portal and followers' messages say it in
        // the reader's language.
        String text = written != null
                ? written
                : retyped != null
                        ? retyped.inEnglish(jurisdiction.timeZone())
                        : "Status changed to " + status.name() + ".";
        long noteId = requests.insertNote(
                item.id(), new Note(now, true, kind, status.code(), text, null, retyped), actor.name());
        events.publishEvent(new RequestStatusChanged(
                item.id(),
                jurisdiction.id(),
                item.publicId(),
                noteId,
                status.code(),
                status.closed(),
                written,
                actor.name(),
                now,
                duplicateOf,
                retyped));
    }

    private WorkItem lock(String jurisdictionId, String publicId) {
        return work.lock(catalog.resolveJurisdiction(jurisdictionId).id(), publicId)
                .orElseThrow(() -> notFound(publicId));
    }

    private static @Nullable String note(String field, @Nullable String text) {
        String note = PlainText.multiLine(text);
        if (note != null && note.length() > MAX_NOTE) {
            throw new InvalidInputException(field, "is longer than " + MAX_NOTE + " characters");
        }
        return note;
    }

    /**
     * A note the public reads, on the request's page, in open data, in followers' messages and as replies to their
     * posts. Refused rather than masked, so that staff see what was wrong: abusive words (a worker quoting the
     * resident), contact details other than the city's own (a tenant's number), the reporter by name, and on a
     * request about someone's home, a street address or unit.
     */
    private @Nullable String published(@Nullable String note, Jurisdiction jurisdiction, WorkItem item) {
        // A note to the resident, unlike a description they wrote, is the city's word: one with a ready answer's
        // opening or blank left in it was sent before it was finished.
        String unfinished = note == null ? null : PlainText.unfinished(note);
        if (unfinished != null) {
            throw new InvalidInputException("publicNote", unfinished);
        }
        return published("publicNote", note, jurisdiction, item);
    }

    private @Nullable String published(String field, @Nullable String note, Jurisdiction jurisdiction, WorkItem item) {
        if (note == null) {
            return null;
        }
        if (triage.screen(note).civility().abusive()) {
            throw new InvalidInputException(
                    field, "contains abusive words, which are never published; keep them to an internal note");
        }
        List<String> details = PersonalDetails.contactDetailsIn(note);
        if (!details.isEmpty()) {
            java.util.Set<String> citys = catalog.ownContacts(jurisdiction.id());
            details.stream()
                    .filter(detail -> !citys.contains(PersonalDetails.normalised(detail)))
                    .findFirst()
                    .ifPresent(detail -> {
                        throw new InvalidInputException(
                                field,
                                "contains " + detail + ", which is not one of the city's own numbers or addresses:"
                                        + " a resident's contact details are never published; keep them to an"
                                        + " internal note");
                    });
        }
        Reporter reporter = work.reporter(item.id());
        if (PersonalDetails.namesReporter(note, reporter.firstName(), reporter.lastName())) {
            // "Thanks, Mrs Haddad": the public, and the open data, never learn who reported it.
            throw new InvalidInputException(
                    field,
                    "names the person who reported it (" + reporter.lastName() + "): who reports a problem is never"
                            + " published; leave the name out, or keep it to an internal note");
        }
        ServiceRequest request = requests.byIds(List.of(item.id())).getFirst();
        if (request.locationPrivate()
                && PersonalDetails.namesHome(note, request.location().address())) {
            throw new InvalidInputException(
                    field,
                    "names the home's address or unit, and this request is about someone's home: the public never"
                            + " learns at which door; name the street or the area, or keep it to an internal note");
        }
        return note;
    }

    private static String required(String field, @Nullable String text) {
        String note = note(field, text);
        if (note == null) {
            throw new InvalidInputException(field, "is required");
        }
        return note;
    }

    private static NotFoundException notFound(String publicId) {
        return new NotFoundException("no request " + publicId);
    }
}
