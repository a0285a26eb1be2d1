package org.civic311.requests;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.civic311.catalog.AttributeDatatype;
import org.civic311.catalog.Catalog;
import org.civic311.catalog.Dispatch;
import org.civic311.catalog.DuplicatePolicy;
import org.civic311.catalog.Jurisdiction;
import org.civic311.catalog.RequestStatus;
import org.civic311.catalog.Route;
import org.civic311.catalog.ServiceAttribute;
import org.civic311.catalog.ServiceType;
import org.civic311.catalog.Ward;
import org.civic311.common.InvalidInputException;
import org.civic311.common.PersonalDetails;
import org.civic311.common.PlainText;
import org.civic311.media.MediaStore;
import org.civic311.triage.EmergencyKind;
import org.civic311.triage.Triage;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The requests module's API: take in a request from any channel, find requests, load archives. */
@Service
public class ServiceRequests {

    public static final int MAX_DESCRIPTION = 4000;
    static final int MAX_ADDRESS = 500;
    static final int MAX_URL = 2000;
    static final int MAX_NAME = Reporter.MAX_NAME;
    /** A client's key of up to 200 characters, with the scope its channel puts before it. */
    static final int MAX_SUBMISSION_KEY = 300;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]{2,63}");
    /** A phone number as people write it, with an extension if any ("416-555-0166 ext. 22", "x22"). */
    private static final Pattern PHONE = Pattern.compile(
            "\\+?[0-9 ().\\-]{7,25}(?:\\s*(?:x|ext\\.?|extension|poste)\\s*\\d{1,6})?", Pattern.CASE_INSENSITIVE);

    private final Catalog catalog;
    /** Channels where residents type their own email address, unseen by anyone who could tell it is theirs. */
    static final java.util.Set<Channel> SELF_SERVICE = java.util.EnumSet.of(Channel.WEB, Channel.OPEN311);

    /** Links to photos held elsewhere kept with one report. */
    static final int MAX_MEDIA_URLS = 10;

    private final MediaStore media;
    private final RequestRepository repository;
    private final WorkRepository work;
    private final Dispatches dispatches;
    private final ApplicationEventPublisher events;
    private final Triage triage;
    private final Clock clock;

    ServiceRequests(
            Catalog catalog,
            MediaStore media,
            RequestRepository repository,
            WorkRepository work,
            Dispatches dispatches,
            ApplicationEventPublisher events,
            Triage triage,
            Clock clock) {
        this.catalog = catalog;
        this.media = media;
        this.repository = repository;
        this.work = work;
        this.dispatches = dispatches;
        this.events = events;
        this.triage = triage;
        this.clock = clock;
    }

    /**
     * Checks a new request against the catalogue and stores it; once this returns, the request is committed.
     *
     * @throws InvalidInputException naming the first field that breaks a rule
     */
    @Transactional
    public SubmittedRequest submit(NewServiceRequest request) {
        return submit(request, null, null, null, null);
    }

    /**
     * The place given, with the point the city's geocoder finds for its address when it has none (an app's
     * address_string, a typed address), so that the request is routed by ward, checked for duplicates nearby and
     * shown on the map; an address not found stays as given, and so does one the geocoder places outside the city
     * (a namesake street elsewhere): the resident gave no point, so none of theirs can be refused. Called before
     * filing, outside its transaction: the geocoder may be a service over the network.
     */
    public Location placed(String jurisdictionId, Location given) {
        if (given.latitude() != null || given.longitude() != null || given.address() == null) {
            return given;
        }
        // Refused before the address goes to a geocoder, which may be another organisation's service.
        refuseContactDetails(given.address());
        return triage.locate(jurisdictionId, given.address())
                .filter(found -> !catalog.hasMappedArea(jurisdictionId)
                        || catalog.wardAt(jurisdictionId, found.latitude(), found.longitude())
                                .isPresent())
                .map(found -> new Location(
                        found.latitude(), found.longitude(), given.address(), given.addressId(), given.zipcode()))
                .orElse(given);
    }

    /**
     * Files a request once for a client's submission key: the same key sent again (a retry after a time-out, a form
     * sent twice) answers with the request it filed, and files nothing. Two sent at once file one: the second waits
     * for the first's commit.
     *
     * @param submissionKey the client's key, scoped by the caller to the client ("portal:…", "open311:key 7:…")
     */
    @Transactional
    public SubmittedRequest submitOnce(NewServiceRequest request, String submissionKey) {
        return submit(request, null, null, submissionKey, null);
    }

    /**
     * Files a resident's own report once for its form's key, on their word that it is not an emergency: they were
     * told it sounded like one, with 911's number, and sent it again saying it is not (triage flags a few ordinary
     * reports in a hundred). The audit trail keeps what triage took it for, for staff to weigh.
     */
    @Transactional
    public SubmittedRequest submitOnceSaidNotAnEmergency(NewServiceRequest request, @Nullable String submissionKey) {
        return submit(request, null, new Actor("resident", describe(request.channel())), submissionKey, null);
    }

    /**
     * Files a request a member of staff took from a resident (a call, a walk-in, a message), once for a form's
     * submission key when there is one: the audit trail names the member of staff. Triage flags a few real reports in
     * a hundred as emergencies that are not: one the member of staff read and judged not an emergency is filed on
     * their judgement, which the audit trail keeps too.
     */
    @Transactional
    public SubmittedRequest fileForResident(
            NewServiceRequest request, Actor staff, boolean judgedNotAnEmergency, @Nullable String submissionKey) {
        return submit(request, staff, judgedNotAnEmergency ? staff : null, submissionKey, null);
    }

    /**
     * Files are not in the transaction: a resident's photo stored for a report that is then not filed (a clash with
     * the same form sent twice, a database refusal) goes with it, rather than stay on disk outside any erasure.
     */
    private void keptOnlyIfCommitted(String path) {
        if (!org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        if (status != STATUS_COMMITTED) {
                            media.delete(path);
                        }
                    }
                });
    }

    /** The longest a report is taken to have waited in the inbox before staff filed it. */
    static final Duration LONGEST_WAIT = Duration.ofDays(14);

    /**
     * When a report the resident wrote then, filed now, counts as made: then, but never in the future and no further
     * back than {@link #LONGEST_WAIT} (an email's date is its sender's to write).
     */
    public Instant countsFrom(Instant residentWrote) {
        Instant now = clock.instant();
        Instant longest = now.minus(LONGEST_WAIT);
        return residentWrote.isAfter(now) ? now : residentWrote.isBefore(longest) ? longest : residentWrote;
    }

    /**
     * The same, for a report that waited before staff filed it (a message in the inbox): it counts as made, and is
     * due, from when the resident wrote (at most {@link #LONGEST_WAIT} before now).
     */
    @Transactional
    public SubmittedRequest fileForResident(
            NewServiceRequest request,
            Actor staff,
            boolean judgedNotAnEmergency,
            @Nullable String submissionKey,
            Instant residentWrote) {
        return submit(request, staff, judgedNotAnEmergency ? staff : null, submissionKey, residentWrote);
    }

    private SubmittedRequest submit(
            NewServiceRequest request,
            @Nullable Actor staff,
            @Nullable Actor judge,
            @Nullable String submissionKey,
            @Nullable Instant residentWrote) {
        Jurisdiction jurisdiction = catalog.resolveJurisdiction(request.jurisdictionId());
        if (submissionKey != null) {
            if (submissionKey.length() > MAX_SUBMISSION_KEY) {
                throw new InvalidInputException(
                        "submission", "the key is longer than " + MAX_SUBMISSION_KEY + " characters");
            }
            Optional<SubmittedRequest> already =
                    repository.claimSubmission(jurisdiction.id(), submissionKey, clock.instant());
            if (already.isPresent()) {
                return already.get();
            }
        }
        // An emergency is answered before anything else is asked of the resident: a retired type, a missing answer or
        // a place outside the city must not stand between them and "call 911".
        String description = checkDescription(request.description());
        Screened screened = screen(description, judge != null, request.language());
        ServiceType type = catalog.requireActiveServiceType(jurisdiction.id(), request.serviceCode());
        if (type.staffOnly() && SELF_SERVICE.contains(request.channel())) {
            // Residents' own channels file residents' problems: the city's work orders are filed by its staff.
            throw new InvalidInputException("service_code", "'" + type.code() + "' is filed by the city's staff only");
        }
        if (judge == null) {
            refuseEmergencyInAnswers(type, request.answers(), request.language());
        }
        Map<String, List<String>> answers = type.checkAnswers(request.answers(), jurisdiction.timeZone());
        Location location = checkLocation(request.location());
        String wardCode = wardOf(catalog, jurisdiction, location);
        Reporter reporter = checkReporter(request.reporter());
        type.checkReporter(reporter.email() != null || reporter.phone() != null || reporter.accountId() != null);
        List<String> mediaUrls = new ArrayList<>();
        if (request.mediaUrls().size() > MAX_MEDIA_URLS) {
            throw new InvalidInputException(
                    "media_url",
                    "has " + request.mediaUrls().size() + " links; at most " + MAX_MEDIA_URLS + " are kept");
        }
        List<String> links = new ArrayList<>();
        for (String link : request.mediaUrls()) {
            String checked = checkUrl("mediaUrl", link);
            if (checked != null && !links.contains(checked)) {
                links.add(checked);
            }
        }
        // Uploaded files take precedence over a link, as Open311 v2.1 says. Photos of a home (a type whose places are
        // private) start with staff alone: a front door or a house number would give away the home the public map
        // hides; staff show those that give nothing away. So do those of a type the city has staff see first, and those
        // a resident sent in a private message.
        boolean photosPublic = !type.privateLocation() && !type.photosReviewed();
        for (Upload upload : request.uploads()) {
            String stored = (photosPublic && !upload.sentPrivately()
                            ? media.store(upload.field(), upload.content())
                            : media.storeForStaff(upload.field(), upload.content()))
                    .path();
            keptOnlyIfCommitted(stored);
            mediaUrls.add(stored);
        }
        if (mediaUrls.isEmpty()) {
            mediaUrls.addAll(links);
        }

        Instant now = clock.instant();
        Instant requestedAt = residentWrote == null ? now : countsFrom(residentWrote);
        RequestStatus initial = jurisdiction.initialStatus();
        Route route = catalog.route(jurisdiction.id(), type, wardCode);
        var row = new RequestRepository.NewRow(
                jurisdiction.id(),
                type.code(),
                type.name(),
                type.agencyName(),
                initial,
                description,
                type.notice(),
                location,
                wardCode,
                request.channel(),
                answers,
                requestedAt,
                now,
                type.target().dueFrom(requestedAt, jurisdiction.timeZone(), jurisdiction.calendar()),
                route.departmentCode(),
                route.supervisorKey(),
                screened.language(),
                screened.civility(),
                publicDescription(description, screened, reporter),
                // Kept with the request: a type made public later does not publish the homes it was reported at.
                type.privateLocation());
        RequestRepository.Created created = repository.insert(row);
        if (submissionKey != null) {
            repository.completeSubmission(jurisdiction.id(), submissionKey, created.id());
        }
        repository.insertReporter(created.id(), reporter);
        repository.insertMedia(created.id(), mediaUrls, photosPublic);
        repository.insertNote(
                created.id(),
                new Note(now, true, "submitted", initial.code(), "Submitted via " + describe(request.channel())),
                null);
        Actor actor = staff != null
                ? staff
                : new Actor(reporter.email() == null ? "resident" : "reporter", describe(request.channel()));
        work.audit(
                created.id(),
                now,
                actor,
                "submitted",
                (staff != null ? "for the resident, " : "") + "routed to " + route.departmentCode());
        if (judge != null && screened.flagged() != null) {
            work.audit(
                    created.id(),
                    now,
                    judge,
                    "not an emergency",
                    "triage took it for " + screened.flagged().name().toLowerCase(java.util.Locale.ROOT)
                            + (staff == null ? "; the resident, told to call 911, said it is not one" : ""));
        }
        if (!(route.dispatch() instanceof Dispatch.Queue)) {
            dispatches.schedule(created.id(), route.dispatch(), now);
        }
        if (reporter.email() != null) {
            String language = language(request.language() != null ? request.language() : screened.language());
            // As every follower's: one address, whatever case it was typed in.
            String email = reporter.email().toLowerCase(java.util.Locale.ROOT);
            String confirmToken = null;
            if (SELF_SERVICE.contains(request.channel())) {
                // Typed into a form or an app, the address may be anyone's: it follows once its owner confirms it.
                confirmToken = work.followPending(created.id(), FollowerChannel.EMAIL, email, language, now)
                        .map(UUID::toString)
                        .orElse(null);
            } else {
                work.follow(created.id(), FollowerChannel.EMAIL, email, language, null, null, now);
            }
            events.publishEvent(new FollowedByReporter(
                    created.id(), jurisdiction.id(), created.publicId(), request.channel(), confirmToken));
        }
        Repeat repeat = checkRepeat(jurisdiction, type, location, created, route, now);
        List<String> nearby = location.hasPoint()
                ? work
                        .openNearby(
                                jurisdiction.id(),
                                type.code(),
                                location.latitude(),
                                location.longitude(),
                                type.duplicates().duplicateRadiusMetres(),
                                created.id())
                        .stream()
                        .map(ServiceRequest::publicId)
                        .toList()
                : List.of();
        events.publishEvent(new ServiceRequestSubmitted(
                created.id(), jurisdiction.id(), created.publicId(), type.code(), request.channel(), now));
        return new SubmittedRequest(
                created.publicId(),
                created.token(),
                type.notice(),
                nearby,
                repeat.count(),
                // Named as staff know the supervisor, not by the directory's key.
                repeat.escalatedTo() == null
                        ? null
                        : catalog.person(jurisdiction.id(), repeat.escalatedTo())
                                .map(org.civic311.catalog.Person::name)
                                .orElse(repeat.escalatedTo()));
    }

    /** A repeat check's finding: how many reports (0 when not a repeat), and whom this one escalated to. */
    private record Repeat(int count, @Nullable String escalatedTo) {}

    /**
     * Flags a repeat problem: enough reports of the type at this place within the policy's window, open or closed.
     * The area's supervisor hears of it once per window, not once per report.
     */
    private Repeat checkRepeat(
            Jurisdiction jurisdiction,
            ServiceType type,
            Location location,
            RequestRepository.Created created,
            Route route,
            Instant now) {
        DuplicatePolicy policy = type.duplicates();
        Instant since = now.minus(Duration.ofDays(policy.repeatWindowDays()));
        WorkRepository.Place place = new WorkRepository.Place(
                jurisdiction.id(),
                type.code(),
                location.address(),
                location.latitude(),
                location.longitude(),
                policy.repeatRadiusMetres());
        // Reports of one type at one place are checked one at a time, so two at once cannot both escalate.
        work.serialiseRepeatChecks(place);
        WorkRepository.EarlierReports earlier = work.earlierReportsAtPlace(place, since, created.id());
        int count = earlier.count() + 1;
        if (count < policy.repeatThreshold()) {
            return new Repeat(0, null);
        }
        String newest = String.join(", ", earlier.newest());
        work.markRepeat(created.id(), count);
        work.audit(
                created.id(),
                now,
                Actor.system(),
                "repeat problem",
                count + " reports in " + policy.repeatWindowDays() + " days; latest earlier: " + newest);
        if (!work.repeatEscalatedSince(place, since)) {
            String reason = "Repeat problem: report " + count + " of " + type.name() + " at "
                    + (location.address() != null ? location.address() : "the same place") + " in "
                    + policy.repeatWindowDays() + " days (latest earlier: " + newest + ")";
            long escalation = work.escalate(
                    created.id(), jurisdiction.id(), EscalationKind.REPEAT_PROBLEM, route.supervisorKey(), now, reason);
            events.publishEvent(new RequestEscalated(
                    escalation,
                    created.id(),
                    jurisdiction.id(),
                    created.publicId(),
                    EscalationKind.REPEAT_PROBLEM,
                    route.supervisorKey(),
                    reason,
                    now));
            return new Repeat(count, route.supervisorKey());
        }
        return new Repeat(count, null);
    }

    /**
     * What triage says of a description: an emergency stops here, unless staff (or the resident, told to call 911)
     * judged it is not one; its language
     * and civility are kept.
     */
    private Screened screen(
            @Nullable String description, boolean judgedNotAnEmergency, @Nullable String preferredLanguage) {
        if (description == null) {
            return new Screened(null, "NONE", null, null);
        }
        Triage.Screening result = triage.screen(description);
        if (result.emergency() != null && !judgedNotAnEmergency) {
            throw new EmergencyException(
                    result.emergency(), guidance(preferredLanguage, result.language()), result.language());
        }
        // The public reads the description without abuse and without the contact details staff need.
        String shown = PersonalDetails.masked(
                result.civility().abusive() ? result.civility().masked() : description);
        return new Screened(
                result.language(),
                result.civility().severity().name(),
                shown.equals(description) ? null : shown,
                result.emergency());
    }

    /** An emergency written into a question's free-text answer ("what is blocking the road?") is one too. */
    private void refuseEmergencyInAnswers(
            ServiceType type, Map<String, List<String>> answers, @Nullable String preferredLanguage) {
        if (answers.isEmpty()) {
            return;
        }
        for (ServiceAttribute question : type.questions()) {
            if (question.datatype() != AttributeDatatype.STRING && question.datatype() != AttributeDatatype.TEXT) {
                continue;
            }
            for (String answer : answers.getOrDefault(question.code(), List.of())) {
                refuseIfEmergency(answer, preferredLanguage);
            }
        }
    }

    /**
     * Refuses a report whose words describe an emergency, for a channel that finds something else wrong with it
     * first: the resident is to call 911, not to fix a form. A text too long for triage is refused for its length.
     */
    public void refuseIfEmergency(@Nullable String text, @Nullable String preferredLanguage) {
        String checked = PlainText.multiLine(text);
        if (checked == null || checked.length() > Triage.MAX_TEXT) {
            return;
        }
        Triage.Screening result = triage.screen(checked);
        if (result.emergency() != null) {
            throw new EmergencyException(
                    result.emergency(), guidance(preferredLanguage, result.language()), result.language());
        }
    }

    /** "Call 911" in the language the resident asked for, or else the one they wrote in. */
    private static String guidance(@Nullable String preferredLanguage, @Nullable String written) {
        String asked = preferredLanguage == null
                ? ""
                : java.util.Locale.forLanguageTag(preferredLanguage.strip()).getLanguage();
        return Triage.guidance(Triage.guidesIn(asked) ? asked : written);
    }

    /**
     * The description as the public reads it, or null when that is the description itself: screened, and without the
     * reporter's own name where they signed with it.
     */
    private static @Nullable String publicDescription(
            @Nullable String description, Screened screened, Reporter reporter) {
        if (description == null) {
            return null;
        }
        String shown = PersonalDetails.withoutOwnName(
                screened.publicDescription() != null ? screened.publicDescription() : description,
                reporter.firstName(),
                reporter.lastName());
        return shown.equals(description) ? null : shown;
    }

    private record Screened(
            @Nullable String language,
            String civility,
            @Nullable String publicDescription,
            @Nullable EmergencyKind flagged) {}

    static String language(@Nullable String tag) {
        if (tag == null || tag.isBlank()) {
            return "en";
        }
        String language = java.util.Locale.forLanguageTag(tag.strip()).getLanguage();
        return language.equals("fr") ? "fr" : "en";
    }

    /**
     * Open requests of a type within its duplicate radius of a point, nearest first, as the public may see them:
     * "already reported nearby?". A type whose places are homes shows none: the answer would tell where one is.
     */
    public List<ServiceRequest> openNearby(String jurisdictionId, String serviceCode, double lat, double lon) {
        ServiceType type = catalog.requireServiceType(jurisdictionId, serviceCode);
        if (type.privateLocation()) {
            return List.of();
        }
        return work
                .openNearby(
                        jurisdictionId, serviceCode, lat, lon, type.duplicates().duplicateRadiusMetres(), -1)
                .stream()
                .filter(request -> !request.locationPrivate())
                .toList();
    }

    public Optional<ServiceRequest> find(String jurisdictionId, String publicId) {
        return repository.findByPublicId(jurisdictionId, publicId);
    }

    /** The tracking number of a jurisdiction's request known by its internal id (as other modules' records keep it). */
    public Optional<String> publicIdOf(String jurisdictionId, long requestId) {
        return repository.publicIdOf(jurisdictionId, requestId);
    }

    /** The tracking number of the request a batch token stands for. */
    public Optional<String> publicIdForToken(String jurisdictionId, String token) {
        return repository.publicIdForToken(jurisdictionId, token);
    }

    /**
     * The public search: it reads the replica when one is configured ({@link org.civic311.common.PublicReads}), so a
     * request filed a moment ago may be missing for about a second; {@link #find} reads the primary.
     */
    public List<ServiceRequest> search(RequestSearch search) {
        List<String> privateTypes = search.area() == null
                ? List.of()
                : catalog.serviceTypes(search.jurisdictionId()).stream()
                        .filter(ServiceType::privateLocation)
                        .map(ServiceType::code)
                        .toList();
        return repository.search(search, privateTypes);
    }

    /**
     * What was said in public on a city's requests in a span, oldest first, at most {@code limit}: the feed a relaying
     * system reads to tell its users what came of their reports. Read where the public search reads.
     */
    public List<PublicUpdate> publicUpdates(String jurisdictionId, Instant from, Instant to, int limit) {
        return repository.publicUpdates(jurisdictionId, from, to, limit);
    }

    /** The public history of each of the given requests, oldest first. */
    public Map<Long, List<Note>> publicNotes(List<Long> requestIds) {
        return repository.publicNotes(requestIds);
    }

    /**
     * Loads requests from another system's archive. A request already present (same tracking number) is left as it
     * is, so an interrupted import can simply be run again; a row that cannot be loaded is reported, never dropped
     * silently.
     */
    @Transactional
    public ImportReport importHistorical(String jurisdictionId, List<HistoricalRequest> requests) {
        Jurisdiction jurisdiction = catalog.resolveJurisdiction(jurisdictionId);
        int imported = 0;
        int present = 0;
        List<ImportReport.Rejection> rejected = new ArrayList<>();
        // an archive repeats a few service types and wards many thousand times: look each up once
        Map<String, Optional<ServiceType>> types = new HashMap<>();
        Map<List<String>, String> departments = new HashMap<>();
        int row = 0;
        for (HistoricalRequest request : requests) {
            row++;
            Optional<ServiceType> type =
                    types.computeIfAbsent(request.serviceCode(), code -> catalog.serviceType(jurisdiction.id(), code));
            if (type.isEmpty()) {
                rejected.add(new ImportReport.Rejection(
                        row,
                        request.publicId(),
                        "service type '" + request.serviceCode() + "' is not in the catalogue"));
                continue;
            }
            if (!request.mediaUrlIsWebAddress()) {
                rejected.add(new ImportReport.Rejection(
                        row, request.publicId(), "media_url must be an http or https address"));
                continue;
            }
            RequestStatus status = jurisdiction
                    .statusNamedAtStartOf(request.statusNotes(), request.closed())
                    .orElse(jurisdiction.firstStatus(request.closed()));
            Location location = request.location();
            String wardCode = location.hasPoint()
                    ? catalog.wardAt(jurisdiction.id(), location.latitude(), location.longitude())
                            .map(Ward::code)
                            .orElse(null)
                    : null;
            String departmentCode =
                    departments.computeIfAbsent(Arrays.asList(type.get().code(), wardCode), key -> catalog.route(
                                    jurisdiction.id(), type.get(), wardCode)
                            .departmentCode());
            boolean added = repository.insertHistorical(
                    jurisdiction.id(),
                    request,
                    type.get(),
                    status,
                    location,
                    wardCode,
                    departmentCode,
                    RequestRepository.publicDescription(request.description(), triage),
                    clock.instant());
            if (added) {
                imported++;
            } else {
                present++;
            }
        }
        return new ImportReport(imported, present, rejected);
    }

    /** A place as given, checked: a point that comes whole and on the globe, or an address; plain text within bounds. */
    static Location checkLocation(Location location) {
        Double lat = location.latitude();
        Double lon = location.longitude();
        if ((lat == null) != (lon == null)) {
            String missing = lat == null ? "latitude" : "longitude";
            throw new InvalidInputException(missing, "is missing: latitude and longitude come together");
        }
        if (lat != null && (lat.isNaN() || lat < -90 || lat > 90)) {
            throw new InvalidInputException("latitude", "must be between -90 and 90");
        }
        if (lon != null && (lon.isNaN() || lon < -180 || lon > 180)) {
            throw new InvalidInputException("longitude", "must be between -180 and 180");
        }
        String address = limit("address", PlainText.singleLine(location.address()), MAX_ADDRESS);
        if (address != null) {
            refuseContactDetails(address);
        }
        String addressId = limit("addressId", PlainText.singleLine(location.addressId()), MAX_NAME);
        String zipcode = limit("zipcode", PlainText.singleLine(location.zipcode()), 20);
        Location checked = new Location(lat, lon, address, addressId, zipcode);
        if (checked.placesNothing()) {
            throw new InvalidInputException(
                    "location", "is required: a point (latitude and longitude), an address or an address id");
        }
        return checked;
    }

    /** The address is published with the request: a number or an email written into it would be too. */
    private static void refuseContactDetails(String address) {
        if (!PersonalDetails.contactDetailsIn(address).isEmpty()) {
            throw new InvalidInputException(
                    "address", "must name a place only: a phone number or an email goes in its own field, not here");
        }
    }

    /** The ward a point lies in; a point outside a city whose wards are mapped is refused. */
    static @Nullable String wardOf(Catalog catalog, Jurisdiction jurisdiction, Location location) {
        if (!location.hasPoint()) {
            return null;
        }
        Optional<Ward> ward = catalog.wardAt(jurisdiction.id(), location.latitude(), location.longitude());
        if (ward.isEmpty() && catalog.hasMappedArea(jurisdiction.id())) {
            throw new InvalidInputException(
                    "point",
                    "(" + plain(location.latitude()) + ", " + plain(location.longitude()) + ") lies outside "
                            + jurisdiction.name());
        }
        return ward.map(Ward::code).orElse(null);
    }

    /** 0.00001, not 1.0E-5. */
    private static String plain(double degrees) {
        return java.math.BigDecimal.valueOf(degrees).stripTrailingZeros().toPlainString();
    }

    private static @Nullable String checkDescription(@Nullable String description) {
        String text = PlainText.multiLine(description);
        if (text == null) {
            return null;
        }
        // Characters as a reader counts them: an emoji is one, not the two halves Java stores it as.
        int characters = text.codePointCount(0, text.length());
        if (characters > MAX_DESCRIPTION) {
            throw new InvalidInputException(
                    "description",
                    "is " + characters + " characters long; at most " + MAX_DESCRIPTION + " are allowed");
        }
        if (PlainText.containsMarkup(text)) {
            throw new InvalidInputException("description", "must be plain text, without HTML or code");
        }
        return text;
    }

    private static Reporter checkReporter(Reporter reporter) {
        String email = limit("email", PlainText.singleLine(reporter.email()), 320);
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw new InvalidInputException("email", "is not an email address");
        }
        String phone = PlainText.singleLine(reporter.phone());
        if (phone != null && !PHONE.matcher(phone).matches()) {
            throw new InvalidInputException("phone", "is not a phone number");
        }
        return new Reporter(
                limit("firstName", PlainText.singleLine(reporter.firstName()), MAX_NAME),
                limit("lastName", PlainText.singleLine(reporter.lastName()), MAX_NAME),
                email,
                phone,
                limit("deviceId", PlainText.singleLine(reporter.deviceId()), MAX_NAME),
                limit("accountId", PlainText.singleLine(reporter.accountId()), MAX_NAME));
    }

    private static @Nullable String checkUrl(String field, @Nullable String url) {
        String text = limit(field, PlainText.singleLine(url), MAX_URL);
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    || uri.getHost() == null) {
                throw new InvalidInputException(field, "must be an http or https URL");
            }
            return text;
        } catch (URISyntaxException e) {
            throw new InvalidInputException(field, "is not a valid URL");
        }
    }

    private static @Nullable String limit(String field, @Nullable String value, int max) {
        if (value != null && value.length() > max) {
            throw new InvalidInputException(field, "is longer than " + max + " characters");
        }
        return value;
    }

    private static String describe(Channel channel) {
        return switch (channel) {
            case PHONE -> "phone";
            case WALK_IN -> "walk-in";
            case WEB -> "the web";
            case OPEN311 -> "a mobile app";
            case EMAIL -> "email";
            case SMS -> "text message";
            case SOCIAL -> "social media";
            case IMPORT -> "archive import";
        };
    }
}
