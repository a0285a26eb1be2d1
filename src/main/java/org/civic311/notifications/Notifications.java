package org.civic311.notifications;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.civic311.catalog.Catalog;
import org.civic311.catalog.Person;
import org.civic311.inquiries.CallbackPromiseAtRisk;
import org.civic311.inquiries.CallbackPromiseBroken;
import org.civic311.inquiries.CallbackPromiseNearing;
import org.civic311.requests.Channel;
import org.civic311.requests.FollowedByReporter;
import org.civic311.requests.Follower;
import org.civic311.requests.FollowerChannel;
import org.civic311.requests.RequestEscalated;
import org.civic311.requests.RequestStatusChanged;
import org.civic311.requests.RequestWork;
import org.civic311.requests.ServiceRequest;
import org.civic311.requests.ServiceRequests;
import org.civic311.staff.StaffDirectory;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Turns request events into messages in the outbox: one per follower for each public status change, in the
 * follower's channel (an email, an SMS, or a reply in the social thread the report came from), and one to the
 * supervisor for each escalation. Events may arrive more than once (they are republished after a crash); the
 * idempotency key keeps each message single.
 */
@Component
class Notifications {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Notifications.class);

    private final JdbcClient jdbc;
    private final RequestWork work;
    private final ServiceRequests requests;
    private final Catalog catalog;
    private final StaffDirectory staff;
    private final MailTemplates templates;
    private final NotificationProperties properties;
    private final Clock clock;
    private final org.civic311.catalog.Absences absences;

    Notifications(
            JdbcClient jdbc,
            RequestWork work,
            ServiceRequests requests,
            Catalog catalog,
            StaffDirectory staff,
            MailTemplates templates,
            NotificationProperties properties,
            org.civic311.catalog.Absences absences,
            Clock clock) {
        this.absences = absences;
        this.jdbc = jdbc;
        this.work = work;
        this.requests = requests;
        this.catalog = catalog;
        this.staff = staff;
        this.templates = templates;
        this.properties = properties;
        this.clock = clock;
    }

    /** The link that confirms a follower's address: the only message an unconfirmed address ever gets. */
    @ApplicationModuleListener
    void on(org.civic311.requests.FollowConfirmationRequested request) {
        // Delivered again after a crash, the event may come once the address was erased, confirmed or let go of:
        // only an address still waiting is sent its link.
        if (work.pendingFollower(request.requestId(), request.token()).isEmpty()) {
            return;
        }
        String link = inLanguage(url("/follow/" + request.token()), request.language());
        Message message = request.channel() == FollowerChannel.SMS
                ? new Message(
                        "", templates.text("follow-confirm.sms", request.language(), request.publicId(), link), null)
                : new Message(
                        templates.text("follow-confirm.subject", request.language(), request.publicId()),
                        templates.text("follow-confirm.body", request.language(), request.publicId(), link),
                        null);
        enqueue(
                "follow-confirm:" + request.token(),
                request.requestId(),
                request.channel().name(),
                request.address(),
                request.language(),
                null,
                null,
                message);
    }

    /**
     * Where the report was made with no one to answer it there and then (the portal, an app, a call the agent filed),
     * its reporter is told by email that it arrived: its tracking number, when it should be done, where to follow it.
     * A report made in a conversation (an email, a text, a post) is answered in that conversation instead.
     */
    static final java.util.Set<Channel> ACKNOWLEDGED =
            java.util.EnumSet.of(Channel.WEB, Channel.OPEN311, Channel.PHONE, Channel.WALK_IN);

    @ApplicationModuleListener
    void on(FollowedByReporter reported) {
        if (!ACKNOWLEDGED.contains(reported.channel())) {
            return;
        }
        ServiceRequest request =
                requests.find(reported.jurisdictionId(), reported.publicId()).orElseThrow();
        java.time.ZoneId zone =
                catalog.resolveJurisdiction(reported.jurisdictionId()).timeZone();
        // The reporter's address, as it follows or, typed into a form, as it waits for its owner to confirm it.
        List<Follower> reporters = reported.confirmToken() == null
                ? work.followers(reported.requestId())
                : work.pendingFollower(reported.requestId(), reported.confirmToken()).stream()
                        .toList();
        for (Follower follower : reporters) {
            if (follower.channel() != FollowerChannel.EMAIL) {
                continue;
            }
            Map<String, Object> variables = new HashMap<>();
            variables.put(
                    "confirmUrl",
                    reported.confirmToken() == null
                            ? null
                            : inLanguage(url("/follow/" + reported.confirmToken()), follower.language()));
            variables.put("publicId", reported.publicId());
            variables.put("serviceName", request.serviceName());
            variables.put(
                    "expected",
                    request.expectedAt() == null
                            ? null
                            : java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.FULL)
                                    .withLocale(java.util.Locale.forLanguageTag(follower.language()))
                                    .format(request.expectedAt().atZone(zone)));
            variables.put("trackUrl", requestUrl(reported.publicId(), follower.language()));
            variables.put("unfollowUrl", unfollowUrl(follower));
            variables.put("language", follower.language());
            enqueue(
                    "received:" + reported.requestId() + ":" + follower.id(),
                    reported.requestId(),
                    follower.channel().name(),
                    follower.address(),
                    follower.language(),
                    follower.visibility(),
                    unfollowUrl(follower),
                    templates.render("request-received", follower.language(), variables));
        }
    }

    @ApplicationModuleListener
    void on(RequestStatusChanged change) {
        tellFollowers(change, follower -> true);
    }

    /**
     * A public note corrected while some of its messages still wait (the mail server or the provider down): those
     * are written again with the second wording. Those sent stay sent; one being sent this moment goes as it was.
     */
    @ApplicationModuleListener
    void on(org.civic311.requests.PublicNoteCorrected corrected) {
        String prefix = "status:" + corrected.noteId() + ":";
        java.util.Set<Long> waiting = new java.util.HashSet<>(jdbc.sql(
                        """
                        delete from notification
                        where left(idempotency_key, length(:prefix)) = :prefix and sent_at is null and failed_at is null
                          and (locked_until is null or locked_until < :now)
                        returning substring(idempotency_key from length(:prefix) + 1)::bigint""")
                .param("prefix", prefix)
                .param("now", Timestamp.from(clock.instant()))
                .query(Long.class)
                .list());
        if (waiting.isEmpty()) {
            return;
        }
        tellFollowers(
                new RequestStatusChanged(
                        corrected.requestId(),
                        corrected.jurisdictionId(),
                        corrected.publicId(),
                        corrected.noteId(),
                        corrected.statusCode(),
                        corrected.closed(),
                        corrected.text(),
                        corrected.by(),
                        corrected.at(),
                        null,
                        null),
                follower -> waiting.contains(follower.id()));
    }

    private void tellFollowers(RequestStatusChanged change, java.util.function.Predicate<Follower> told) {
        ServiceRequest request =
                requests.find(change.jurisdictionId(), change.publicId()).orElseThrow();
        // Signed by whoever wrote the note, as their profile says they sign public replies ("^Sam R.", "^SR").
        var author = staff.profile(change.actor());
        String signature = signatureOf(change.actor());
        // An email is signed by the person who wrote the note, as they sign (name or initials), with their title.
        String signedBy = author.map(profile -> profile.signedName() + ", " + profile.title())
                .orElse(null);
        // A duplicate's followers now follow the request it duplicates: the notice saying so stops those updates.
        Map<String, Follower> following = change.duplicateOf() == null
                ? Map.of()
                : requests.find(change.jurisdictionId(), change.duplicateOf()).stream()
                        .flatMap(original -> work.followers(original.id()).stream())
                        .collect(java.util.stream.Collectors.toMap(
                                f -> f.channel() + " " + f.address(), f -> f, (first, again) -> first));
        // Which of their requests it is, for one with several: its place as the public reads it (a home's street,
        // never its door).
        String place = request.publicView().location().address();
        for (Follower follower : work.followers(change.requestId())) {
            if (!told.test(follower)) {
                continue;
            }
            String key = "status:" + change.noteId() + ":" + follower.id();
            String unfollowUrl =
                    unfollowUrl(following.getOrDefault(follower.channel() + " " + follower.address(), follower));
            // The note staff wrote goes as written; what Civic311 wrote itself, and standard statuses, are said in
            // the follower's language.
            String status = statusSaid(change.jurisdictionId(), change.statusCode(), follower.language());
            String note = change.duplicateOf() != null
                    ? templates.text("duplicate.note", follower.language(), change.duplicateOf())
                    : change.publicNote() != null
                            ? change.publicNote()
                            : change.retyped() != null
                                    ? retyped(change.retyped(), change.jurisdictionId(), follower.language())
                                    : templates.text("status.changed", follower.language(), status);
            String link = requestUrl(change.publicId(), follower.language());
            String head = shortHead(follower, change.publicId(), status);
            Message message =
                    switch (follower.channel()) {
                        case EMAIL -> {
                            Map<String, Object> variables = new HashMap<>();
                            variables.put("publicId", change.publicId());
                            variables.put("serviceName", request.serviceName());
                            variables.put("place", place);
                            variables.put("note", note);
                            variables.put("statusName", status);
                            variables.put("trackUrl", link);
                            variables.put("language", follower.language());
                            variables.put("unfollowUrl", unfollowUrl);
                            variables.put("signedBy", signedBy);
                            yield templates.render("status-update", follower.language(), variables);
                        }
                        case SMS ->
                            new Message(
                                    "",
                                    textMessage(
                                            head,
                                            note,
                                            " " + link + " " + signature + "\n"
                                                    + templates.text(
                                                            "status-update.stop", follower.language(), unfollowUrl)),
                                    null);
                        case X -> social(PostLength.X, head, note, link, signature);
                        // Mastodon tells an account of a reply only when it is mentioned, and shows a direct one
                        // to the accounts it mentions alone.
                        case FEDIVERSE ->
                            social(
                                    PostLength.FEDIVERSE,
                                    (follower.resident() == null ? "" : "@" + follower.resident() + " ") + head,
                                    note,
                                    link,
                                    signature);
                    };
            enqueue(
                    key,
                    change.requestId(),
                    follower.channel().name(),
                    follower.address(),
                    follower.language(),
                    follower.visibility(),
                    unfollowUrl,
                    message);
        }
    }

    /**
     * A text message of at most {@link Replies#MAX_SMS_SEGMENTS} segments, as agents' replies are: a longer note is
     * cut at a word, with "..." (the ellipsis character would turn every segment into a shorter Unicode one), and the
     * link carries the whole of it. The provider refuses longer bodies outright.
     */
    static String textMessage(String head, String note, String tail) {
        String kept = textKept(head, note, tail);
        return kept.equals(note) ? head + note + tail : head + kept + "..." + tail;
    }

    /** What of the note such a text message keeps: the whole if it fits, else its start, before the dots. */
    static String textKept(String head, String note, String tail) {
        if (SmsSegments.of(head + note + tail) <= Replies.MAX_SMS_SEGMENTS) {
            return note;
        }
        int[] points = note.codePoints().toArray();
        int low = 0;
        int high = points.length;
        while (low < high) {
            int middle = (low + high + 1) / 2;
            if (SmsSegments.of(head + new String(points, 0, middle).stripTrailing() + "..." + tail)
                    <= Replies.MAX_SMS_SEGMENTS) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return PostLength.atBoundary(note, new String(points, 0, low)).stripTrailing();
    }

    /**
     * What of a public note a follower's update would carry, as {@link #on(RequestStatusChanged)} writes it: the whole
     * by email, the start of it where a text message or a post must be cut before its link.
     */
    String keptFor(
            Follower follower,
            String jurisdictionId,
            String publicId,
            String statusCode,
            String note,
            String signature) {
        String link = requestUrl(publicId, follower.language());
        String head = shortHead(follower, publicId, statusSaid(jurisdictionId, statusCode, follower.language()));
        String tail = " " + link + " " + signature;
        return switch (follower.channel()) {
            case EMAIL -> note;
            case SMS ->
                textKept(
                        head,
                        note,
                        tail + "\n" + templates.text("status-update.stop", follower.language(), unfollowUrl(follower)));
            case X -> PostLength.X.kept(head, note, tail);
            case FEDIVERSE ->
                PostLength.FEDIVERSE.kept(
                        (follower.resident() == null ? "" : "@" + follower.resident() + " ") + head, note, tail);
        };
    }

    /**
     * A status as a follower reads it: the jurisdiction's name for it, or the standard statuses' names in the
     * follower's language.
     */
    private String statusSaid(String jurisdictionId, String statusCode, String language) {
        String name = catalog.jurisdiction(jurisdictionId)
                .flatMap(j -> j.status(statusCode))
                .map(s -> s.name())
                .orElse(statusCode);
        return "en".equals(language) ? name : templates.textOr("status." + statusCode, language, name);
    }

    /**
     * How a text message or a post begins: which request, and where it now stands ("Update on request 1000123
     * (Completed): "), since the note alone may not say it is done.
     */
    private String shortHead(Follower follower, String publicId, String status) {
        return templates.text("status-update.short", follower.language(), publicId, status) + " ";
    }

    /** How a status update is signed: as the note's author signs public replies ("^Sam R."), else as 311. */
    String signatureOf(String actor) {
        return staff.profile(actor)
                .map(org.civic311.staff.StaffProfile::signOff)
                .orElse("^311");
    }

    /**
     * A reply in the thread the report came from, signed by whoever wrote the note and fitted to the platform. The
     * link to the request's page carries the whole explanation when the platform cuts the note short.
     */
    private static Message social(PostLength platform, String head, String note, String link, String signature) {
        String tail = " " + link + " " + signature;
        return new Message("", platform.fit(head, note, tail), null);
    }

    @ApplicationModuleListener
    void on(RequestEscalated escalation) {
        if (escalation.personKey() == null) {
            return;
        }
        Person person = catalog.person(escalation.jurisdictionId(), escalation.personKey())
                .orElse(null);
        if (person == null) {
            return;
        }
        ServiceRequest request = requests.find(escalation.jurisdictionId(), escalation.publicId())
                .orElseThrow();
        Map<String, Object> variables = new HashMap<>();
        variables.put("publicId", escalation.publicId());
        variables.put("serviceName", request.serviceName());
        variables.put("reason", escalation.reason());
        variables.put("language", "en");
        variables.put("consoleUrl", url("/staff/requests/" + escalation.publicId()));
        enqueue(
                "escalation:" + escalation.escalationId(),
                escalation.requestId(),
                "EMAIL",
                person.email(),
                "en",
                null,
                null,
                templates.render("escalation", "en", variables));
        // Someone away is not reading their mail: whoever stands in for them hears of it too.
        absences.of(escalation.jurisdictionId(), person.key())
                .ifPresent(away -> catalog.person(escalation.jurisdictionId(), away.standIn())
                        .ifPresent(standIn -> {
                            Map<String, Object> forStandIn = new HashMap<>(variables);
                            forStandIn.put(
                                    "reason",
                                    "Escalated to " + person.name() + ", away until " + away.until()
                                            + ", for whom you stand in. " + escalation.reason());
                            enqueue(
                                    "escalation:" + escalation.escalationId() + ":" + standIn.key(),
                                    escalation.requestId(),
                                    "EMAIL",
                                    standIn.email(),
                                    "en",
                                    null,
                                    null,
                                    templates.render("escalation", "en", forStandIn));
                        }));
    }

    @ApplicationModuleListener
    void on(org.civic311.inquiries.CallbackPromised promised) {
        String how =
                switch (promised.channel()) {
                    case PHONE -> "call the caller back";
                    case EMAIL -> "answer the caller by email";
                    case SMS -> "answer the caller by text message";
                };
        catalog.person(promised.jurisdictionId(), promised.personKey())
                .ifPresent(person -> alert(
                        "promise-made:" + promised.promiseId(),
                        promised.inquiryReference(),
                        person.email(),
                        "Callback promised on your behalf: inquiry " + promised.inquiryReference(),
                        // The caller's words stay in the console, which erasure reaches, not in a mailbox.
                        promised.callerLeftNoContact()
                                ? promised.promisedBy() + " of 311 could not answer a caller who left no way to reach"
                                        + " them, and gave them your number to call. Expect their call; when they do,"
                                        + " record what you told them.\n\nThe question and the answer to record are in"
                                        + " the console: " + url("/staff/escalations")
                                : promised.promisedBy() + " of 311 promised that you would " + how + " by "
                                        + localTime(promised.jurisdictionId(), promised.deadline())
                                        + ".\n\nThe question, the caller's details and the answer to record are in"
                                        + " the console: " + url("/staff/escalations")));
        standIn(promised.jurisdictionId(), promised.personKey(), promised.standIn())
                .ifPresent(standIn -> alert(
                        "promise-made-stand-in:" + promised.promiseId(),
                        promised.inquiryReference(),
                        standIn.covering().email(),
                        "Callback promised while " + standIn.away().name() + " is away: inquiry "
                                + promised.inquiryReference(),
                        promised.promisedBy() + " of 311 promised a callback on behalf of "
                                + standIn.away().name() + ", who is away. "
                                + yoursToMake(
                                        promised.jurisdictionId(),
                                        promised.deadline(),
                                        promised.callerLeftNoContact())));
    }

    @ApplicationModuleListener
    void on(org.civic311.inquiries.CallbackCovered covered) {
        standIn(covered.jurisdictionId(), covered.personKey(), covered.standIn())
                .ifPresent(standIn -> alert(
                        // Per stand-in: one who leaves hands the callbacks they covered to the next.
                        "promise-covered:" + covered.promiseId() + ":" + covered.standIn(),
                        covered.inquiryReference(),
                        standIn.covering().email(),
                        "Callback owed while " + standIn.away().name() + " is away: inquiry "
                                + covered.inquiryReference(),
                        standIn.away().name() + " owes a callback about inquiry " + covered.inquiryReference()
                                + " and is away. "
                                + yoursToMake(
                                        covered.jurisdictionId(), covered.deadline(), covered.callerLeftNoContact())));
    }

    @ApplicationModuleListener
    void on(org.civic311.inquiries.CallbackHandedOver handed) {
        catalog.person(handed.jurisdictionId(), handed.toKey())
                .ifPresent(successor -> alert(
                        "promise-handed-over:" + handed.promiseId() + ":" + handed.toKey(),
                        handed.inquiryReference(),
                        successor.email(),
                        "Callback handed over to you: inquiry " + handed.inquiryReference(),
                        catalog.person(handed.jurisdictionId(), handed.fromKey())
                                        .map(Person::name)
                                        .orElse(handed.fromKey())
                                + " has handed over their work, and with it a callback still owed about inquiry "
                                + handed.inquiryReference() + ". It is yours to "
                                + (handed.callerLeftNoContact()
                                        ? "answer when the caller calls"
                                        : "make by " + localTime(handed.jurisdictionId(), handed.deadline()))
                                + ".\n\nThe question, the caller's details and the answer to record are in the console: "
                                + url("/staff/escalations")));
    }

    /** What a stand-in is to do about a callback owed in an absent person's name, and where. */
    private String yoursToMake(String jurisdictionId, Instant deadline, boolean callerLeftNoContact) {
        return "You stand in for them: it is yours to "
                + (callerLeftNoContact
                        ? "answer when the caller calls"
                        : "make by " + localTime(jurisdictionId, deadline))
                + ".\n\nThe question, the caller's details and the answer to record are in the console: "
                + url("/staff/escalations");
    }

    /** Who covers a callback promised in the name of someone away, to be told what is owed in their name. */
    private record StandIn(Person away, Person covering) {}

    private java.util.Optional<StandIn> standIn(String jurisdictionId, String personKey, @Nullable String standInKey) {
        return standInKey == null
                ? java.util.Optional.empty()
                : catalog.person(jurisdictionId, personKey).flatMap(away -> catalog.person(jurisdictionId, standInKey)
                        .map(covering -> new StandIn(away, covering)));
    }

    @ApplicationModuleListener
    void on(CallbackPromiseNearing nearing) {
        catalog.person(nearing.jurisdictionId(), nearing.personKey())
                .ifPresent(person -> alert(
                        "promise-nearing:" + nearing.promiseId(),
                        nearing.inquiryReference(),
                        person.email(),
                        "Callback due soon: inquiry " + nearing.inquiryReference(),
                        "311 promised on your behalf that you would call back about inquiry "
                                + nearing.inquiryReference() + " by "
                                + localTime(nearing.jurisdictionId(), nearing.deadline())
                                + ", and no callback is recorded yet.\n\nOpen it in the console: "
                                + url("/staff/escalations")));
        standIn(nearing.jurisdictionId(), nearing.personKey(), nearing.standIn())
                .ifPresent(standIn -> alert(
                        "promise-nearing-stand-in:" + nearing.promiseId(),
                        nearing.inquiryReference(),
                        standIn.covering().email(),
                        "Callback due soon: inquiry " + nearing.inquiryReference(),
                        "The callback promised on behalf of " + standIn.away().name() + " (away) about inquiry "
                                + nearing.inquiryReference() + " is due by "
                                + localTime(nearing.jurisdictionId(), nearing.deadline())
                                + ", and none is recorded yet. You stand in for them.\n\nOpen it in the console: "
                                + url("/staff/escalations")));
    }

    @ApplicationModuleListener
    void on(CallbackPromiseAtRisk atRisk) {
        alertSupervisor(
                atRisk.jurisdictionId(),
                "promise-at-risk:" + atRisk.promiseId(),
                atRisk.inquiryReference(),
                "Callback at risk: inquiry " + atRisk.inquiryReference(),
                "The callback promised by " + staffName(atRisk.promisedBy()) + " on behalf of "
                        + personName(atRisk.jurisdictionId(), atRisk.personKey())
                        + " about inquiry " + atRisk.inquiryReference() + " is due "
                        + localTime(atRisk.jurisdictionId(), atRisk.deadline())
                        + ", and none is recorded yet, though "
                        + personName(atRisk.jurisdictionId(), atRisk.personKey()) + " was alerted. It can"
                        + " still be kept.\n\nOpen the inquiry in the console: "
                        + url("/staff/inquiries/" + atRisk.inquiryReference()));
    }

    @ApplicationModuleListener
    void on(CallbackPromiseBroken broken) {
        alertSupervisor(
                broken.jurisdictionId(),
                "promise-broken:" + broken.promiseId(),
                broken.inquiryReference(),
                "Broken callback promise: inquiry " + broken.inquiryReference(),
                "The callback promised by " + staffName(broken.promisedBy()) + " on behalf of "
                        + personName(broken.jurisdictionId(), broken.personKey())
                        + " about inquiry " + broken.inquiryReference() + " was due "
                        + localTime(broken.jurisdictionId(), broken.deadline())
                        + " and no callback is recorded.\n\nOpen the inquiry in the console: "
                        + url("/staff/inquiries/" + broken.inquiryReference()));
    }

    /** A person of the directory as their colleagues know them, not by their key. */
    private String personName(String jurisdictionId, String personKey) {
        return catalog.person(jurisdictionId, personKey).map(Person::name).orElse(personKey);
    }

    /** A member of staff by their name, not their sign-in. */
    private String staffName(String username) {
        return staff.profile(username)
                .map(org.civic311.staff.StaffProfile::displayName)
                .orElse(username);
    }

    /** The "stop updates" link, opening its page in the follower's language. */
    private String unfollowUrl(Follower follower) {
        return inLanguage(url("/unfollow/" + follower.unsubscribeToken()), follower.language());
    }

    /** The request's public page, in the follower's language. */
    /** A new type of problem and its due date, in the follower's language; the type's name is the catalogue's. */
    private String retyped(
            org.civic311.requests.RequestStatusChanged.Retyped retyped, String jurisdictionId, String language) {
        if (retyped.dueAt() == null) {
            return templates.text("type.changed.undated", language, retyped.serviceName());
        }
        java.time.ZoneId zone = catalog.jurisdiction(jurisdictionId)
                .map(org.civic311.catalog.Jurisdiction::timeZone)
                .orElse(java.time.ZoneOffset.UTC);
        String due = java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.FULL)
                .withLocale(java.util.Locale.forLanguageTag(language))
                .format(retyped.dueAt().atZone(zone));
        return templates.text("type.changed", language, retyped.serviceName(), due);
    }

    private String requestUrl(String publicId, @Nullable String language) {
        return inLanguage(url("/requests/" + publicId), language);
    }

    /**
     * A link to a portal page that opens in the resident's language, whatever their phone's or browser's language is
     * (a French resident's phone may well be set to English, an English resident's to French).
     */
    private static String inLanguage(String link, @Nullable String language) {
        return "fr".equals(language) ? link + "?lang=fr" : link + "?lang=en";
    }

    /** "Friday 20 November 2026 at 9:00 AM CST": a deadline as the city's staff keep time, not in UTC. */
    private String localTime(String jurisdictionId, Instant at) {
        return DEADLINE.format(
                at.atZone(catalog.resolveJurisdiction(jurisdictionId).timeZone()));
    }

    private static final java.time.format.DateTimeFormatter DEADLINE =
            java.time.format.DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' h:mm a z", java.util.Locale.ENGLISH);

    /** An alert to the 311 contact centre's supervisor, whose agents make the promises. */
    private void alertSupervisor(String jurisdictionId, String key, String inquiry, String subject, String text) {
        String contactCentre = catalog.resolveJurisdiction(jurisdictionId).contactCentre();
        String supervisor = contactCentre == null ? null : catalog.areaSupervisor(jurisdictionId, contactCentre, null);
        if (supervisor == null) {
            log.warn(
                    "No supervisor to alert about inquiry {} in {}: the city names no contact centre with a supervisor"
                            + " (jurisdiction.contactCentre in its catalogue file)",
                    inquiry,
                    jurisdictionId);
            return;
        }
        catalog.person(jurisdictionId, supervisor)
                .ifPresent(person -> alert(key, inquiry, person.email(), subject, text));
        // Someone away is not reading their mail: whoever stands in for them hears of it too, as of an escalation.
        absences.of(jurisdictionId, supervisor).ifPresent(away -> catalog.person(jurisdictionId, away.standIn())
                .ifPresent(standIn -> alert(
                        key + ":" + standIn.key(),
                        inquiry,
                        standIn.email(),
                        subject,
                        "You stand in for " + personName(jurisdictionId, supervisor) + ", away until " + away.until()
                                + ".\n\n" + text)));
    }

    private void alert(String key, String inquiry, String recipient, String subject, String text) {
        Instant now = clock.instant();
        jdbc.sql(
                        """
                        insert into notification (idempotency_key, inquiry_reference, channel, recipient, language,
                            subject, body_text, created_at, next_attempt_at)
                        values (:key, :inquiry, 'EMAIL', :recipient, 'en', :subject, :text, :now, :now)
                        on conflict (idempotency_key) do nothing""")
                .param("key", key)
                .param("inquiry", inquiry)
                .param("recipient", recipient)
                .param("subject", subject)
                .param("text", text)
                .param("now", Timestamp.from(now))
                .update();
    }

    private void enqueue(
            String key,
            long requestId,
            String channel,
            String recipient,
            String language,
            @Nullable String visibility,
            @Nullable String unsubscribeUrl,
            Message message) {
        Instant now = clock.instant();
        jdbc.sql(
                        """
                        insert into notification (idempotency_key, request_id, channel, recipient, language, subject,
                            body_text, body_html, created_at, next_attempt_at, visibility, in_reply_to,
                            unsubscribe_url)
                        values (:key, :request, :channel, :recipient, :language, :subject, :text, :html, :now, :now,
                            :visibility, :thread, :unsubscribe)
                        on conflict (idempotency_key) do nothing""")
                .param("key", key)
                .param("request", requestId)
                // Every mail about one request to one address refers to one thread, so that the resident's mail
                // program shows them together, and their answers to any of them join one conversation.
                .param(
                        "thread",
                        channel.equals("EMAIL")
                                ? Replies.emailMessageId("request-thread:" + requestId + ":"
                                        + recipient.toLowerCase(java.util.Locale.ROOT))
                                : null)
                .param("channel", channel)
                .param("visibility", visibility)
                .param("unsubscribe", channel.equals("EMAIL") ? unsubscribeUrl : null)
                .param("recipient", recipient)
                .param("language", language)
                .param("subject", message.subject())
                .param("text", message.text())
                .param("html", message.html())
                .param("now", Timestamp.from(now))
                .update();
    }

    private String url(String path) {
        return properties.publicUrl().toString().replaceAll("/+$", "") + path;
    }
}
