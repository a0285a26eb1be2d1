package org.civic311.inquiries;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.civic311.catalog.Catalog;
import org.civic311.catalog.Person;
import org.civic311.common.InvalidInputException;
import org.civic311.common.NotFoundException;
import org.civic311.common.PersonalDetails;
import org.civic311.common.PlainText;
import org.civic311.knowledge.ArticleDraft;
import org.civic311.knowledge.Audience;
import org.civic311.knowledge.KnowledgeBase;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The inquiries module's API: log a question, escalate it with a callback promise, record the callback, follow up. */
@Service
public class Inquiries {

    static final int MAX_TEXT = 4000;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]{2,63}");

    private final JdbcClient jdbc;
    private final Catalog catalog;
    private final org.civic311.catalog.Absences absences;
    private final KnowledgeBase knowledge;
    private final InquiryProperties properties;
    private final Clock clock;

    private final org.springframework.context.ApplicationEventPublisher events;

    Inquiries(
            JdbcClient jdbc,
            Catalog catalog,
            org.civic311.catalog.Absences absences,
            KnowledgeBase knowledge,
            InquiryProperties properties,
            org.springframework.context.ApplicationEventPublisher events,
            Clock clock) {
        this.absences = absences;
        this.events = events;
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.knowledge = knowledge;
        this.properties = properties;
        this.clock = clock;
    }

    /** Logs a caller's question; without consent no contact detail is kept. */
    @Transactional
    public Inquiry open(String jurisdictionId, NewInquiry inquiry, String agent) {
        return open(jurisdictionId, inquiry, agent, null);
    }

    /**
     * Logs a caller's question once for a submission key (a form's own, an API client's): sent again, the key
     * answers with the inquiry it logged.
     *
     * @param submissionKey scoped by the caller to its client ("form:…", "api:agent:…"); null: no key
     */
    @Transactional
    public Inquiry open(String jurisdictionId, NewInquiry inquiry, String agent, @Nullable String submissionKey) {
        String question = text("question", inquiry.question(), true);
        String department = inquiry.departmentCode();
        if (department != null && catalog.department(jurisdictionId, department).isEmpty()) {
            throw new InvalidInputException("department", "'" + department + "' is not a department");
        }
        String phone = PlainText.singleLine(inquiry.callerPhone());
        if (phone != null
                && !org.civic311.common.ResidentAddress.PHONE_AS_GIVEN
                        .matcher(phone)
                        .matches()) {
            throw new InvalidInputException("callerPhone", "is not a phone number");
        }
        String email = PlainText.singleLine(inquiry.callerEmail());
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw new InvalidInputException("callerEmail", "is not an email address");
        }
        if (!inquiry.consent()
                && (phone != null || email != null || PlainText.singleLine(inquiry.callerName()) != null)) {
            // Not kept without consent, and not dropped behind the agent's back either: they choose.
            throw new InvalidInputException(
                    "consent",
                    "is needed to keep the caller's name, phone or email; ask the caller, or leave those out");
        }
        if (inquiry.consent() && reach(inquiry.preferredChannel(), phone, email) == null) {
            throw new InvalidInputException(
                    "preferredChannel",
                    "needs the caller's " + (inquiry.preferredChannel() == ContactChannel.EMAIL ? "email" : "phone"));
        }
        if (submissionKey != null && submissionKey.length() > 300) {
            throw new InvalidInputException("submission", "the key is longer than 300 characters with its scope");
        }
        String reference = jdbc.sql("select 'Q' || nextval('inquiry_number')")
                .query(String.class)
                .single();
        // Under a key already used, nothing is inserted (a second one at once waits for the first's commit), and the
        // inquiry that key logged is the answer.
        int logged = jdbc.sql(
                        """
                        insert into inquiry (jurisdiction_id, reference, question, caller_name, caller_phone, caller_email,
                            consent, preferred_channel, department_code, owner, status, created_at, submission_key)
                        values (:j, :reference, :question, :name, :phone, :email, :consent, :channel, :department,
                            :owner, 'OPEN', :at, :key)
                        on conflict (jurisdiction_id, submission_key) where submission_key is not null do nothing""")
                .param("key", submissionKey)
                .param("j", jurisdictionId)
                .param("reference", reference)
                .param("question", question)
                .param("name", inquiry.consent() ? PlainText.singleLine(inquiry.callerName()) : null)
                .param("phone", inquiry.consent() ? phone : null)
                .param("email", inquiry.consent() ? email : null)
                .param("consent", inquiry.consent())
                .param("channel", inquiry.preferredChannel().name())
                .param("department", department)
                .param("owner", agent)
                .param("at", Timestamp.from(clock.instant()))
                .update();
        if (logged == 0) {
            reference = jdbc.sql("select reference from inquiry where jurisdiction_id = :j and submission_key = :key")
                    .param("j", jurisdictionId)
                    .param("key", submissionKey)
                    .query(String.class)
                    .single();
        }
        return find(jurisdictionId, reference);
    }

    /**
     * Escalates an inquiry to a person of the directory with a callback promise. Without a deadline, the
     * department's usual time applies; without a fallback contact, the person's own number.
     */
    @Transactional
    public CallbackPromise escalate(
            String jurisdictionId,
            String reference,
            String personKey,
            @Nullable Instant deadline,
            @Nullable ContactChannel channel,
            @Nullable String fallbackContact,
            String agent) {
        Inquiry inquiry = find(jurisdictionId, reference);
        // Marked escalated first, and only while open: an inquiry closed meanwhile is not promised a callback.
        int escalated = jdbc.sql("update inquiry set status = 'ESCALATED' where id = :id and status <> 'CLOSED'")
                .param("id", inquiry.id())
                .update();
        if (escalated == 0) {
            throw new InvalidInputException("inquiry", reference + " is closed");
        }
        Person person = catalog.person(jurisdictionId, personKey)
                .orElseThrow(() -> new InvalidInputException("person", "'" + personKey + "' is not in the directory"));
        // A callback by email to a caller who gave only a number cannot be kept; a caller who gave nothing is given
        // the person's number to call instead (the read-out says so).
        ContactChannel how = channel == null ? inquiry.preferredChannel() : channel;
        boolean reachable = inquiry.callerPhone() != null || inquiry.callerEmail() != null;
        if (reachable && reach(how, inquiry.callerPhone(), inquiry.callerEmail()) == null) {
            throw new InvalidInputException(
                    "channel",
                    "the caller gave no " + (how == ContactChannel.EMAIL ? "email address" : "phone number")
                            + "; answer them " + (how == ContactChannel.EMAIL ? "by phone" : "by email"));
        }
        // One callback owed by a person to a caller at a time: the same escalation sent twice (a second click, a
        // retry) promises nothing more. The update above holds the inquiry's row, so two at once see each other.
        boolean owed = jdbc.sql(
                        """
                        select exists (select 1 from callback_promise where inquiry_id = :inquiry
                            and person_key = :person and called_back_at is null and withdrawn_at is null)""")
                .param("inquiry", inquiry.id())
                .param("person", person.key())
                .query(Boolean.class)
                .single();
        if (owed) {
            throw new InvalidInputException(
                    "person", person.name() + " already owes this caller a callback on inquiry " + reference);
        }
        Instant now = clock.instant();
        Instant due = deadline != null ? deadline : usualDeadline(person);
        if (!due.isAfter(now) || due.isAfter(now.plus(Duration.ofDays(365)))) {
            throw new InvalidInputException("deadline", "must be in the future, within a year");
        }
        // Someone away is covered by their stand-in: the caller is given the number of whoever is at their desk.
        Person standIn = absences.of(jurisdictionId, person.key())
                .flatMap(absence -> catalog.person(jurisdictionId, absence.standIn()))
                .orElse(null);
        String fallback = fallbackContact == null || fallbackContact.isBlank()
                ? (standIn != null ? standIn : person).phone()
                : fallbackContact.strip();
        long id = jdbc.sql(
                        """
                        insert into callback_promise (inquiry_id, person_key, promised_by, deadline, channel,
                            fallback_contact, created_at, caller_left_no_contact, stand_in)
                        values (:inquiry, :person, :agent, :deadline, :channel, :fallback, :at, :noContact, :standIn)
                        returning id""")
                .param("standIn", standIn == null ? null : standIn.key())
                .param("noContact", !reachable)
                .param("inquiry", inquiry.id())
                .param("person", person.key())
                .param("agent", agent)
                .param("deadline", Timestamp.from(due))
                .param("channel", how.name())
                .param("fallback", fallback)
                .param("at", Timestamp.from(now))
                .query(Long.class)
                .single();
        events.publishEvent(new CallbackPromised(
                id,
                jurisdictionId,
                reference,
                person.key(),
                agent,
                due,
                how,
                !reachable,
                standIn == null ? null : standIn.key()));
        return promise(jurisdictionId, id);
    }

    /**
     * When the follow-up of a callback made now is due: its whole days are working days and the rest working time,
     * so that "two days later" after a Friday callback is the Tuesday, not the Sunday.
     */
    private Instant followUpDue(String jurisdictionId, Instant now) {
        var jurisdiction = catalog.resolveJurisdiction(jurisdictionId);
        Duration after = properties.followUpAfter();
        Instant days = jurisdiction.calendar().addBusinessDays(now, (int) after.toDays(), jurisdiction.timeZone());
        return jurisdiction.calendar().addBusinessTime(days, after.minusDays(after.toDays()), jurisdiction.timeZone());
    }

    /**
     * When a callback by this person is due if the agent names no deadline: the department's usual time, in the
     * city's working hours, so that a promise made late on a Friday is not broken over the weekend.
     */
    public Instant usualDeadline(Person person) {
        var jurisdiction = catalog.resolveJurisdiction(person.jurisdictionId());
        return jurisdiction
                .calendar()
                .addBusinessTime(
                        clock.instant(),
                        Duration.ofHours(properties.callbackHoursOf(person.departmentCode())),
                        jurisdiction.timeZone());
    }

    /**
     * Records the callback and its outcome. The promise is kept if the deadline had not passed; a follow-up goes
     * to the agent who took the inquiry. An answer others could use becomes a draft knowledge article. Only the person
     * it was promised for records it, or someone who oversees promises.
     */
    @Transactional
    public CallbackPromise recordCallback(
            String jurisdictionId, long promiseId, String outcome, boolean shareAsArticle, Acting by) {
        CallbackPromise promise = promise(jurisdictionId, promiseId);
        if (!by.mayRecord(promise)) {
            throw new AccessDeniedException(
                    by.username() + " may not record the callback promised for " + promise.personKey());
        }
        String recordedBy = by.username();
        Inquiry inquiry = find(jurisdictionId, promise.inquiryReference());
        String text = text("outcome", outcome, true);
        // Under the inquiry's lock, as escalations, withdrawals and follow-ups take it: what is still owed is then
        // read after any of them committed, and the locks are always taken in one order.
        lockInquiry(inquiry.id());
        Instant now = clock.instant();
        // Only the first of two callbacks recorded at once counts.
        int recorded = jdbc.sql(
                        """
                        update callback_promise set called_back_at = :at, outcome = :outcome, recorded_by = :by,
                            state = case when :at <= deadline then 'KEPT' else 'BROKEN' end
                        where id = :id and called_back_at is null and withdrawn_at is null""")
                .param("at", Timestamp.from(now))
                .param("outcome", text)
                .param("by", recordedBy)
                .param("id", promiseId)
                .update();
        if (recorded == 0) {
            return recordedAlready(jurisdictionId, promiseId, text, recordedBy);
        }
        // Answered once no other promised callback is owed; a closed inquiry stays closed.
        jdbc.sql(
                        """
                        update inquiry set status = case when exists (
                                select 1 from callback_promise where inquiry_id = :id and called_back_at is null
                                    and withdrawn_at is null)
                            then 'ESCALATED' else 'ANSWERED' end
                        where id = :id and status <> 'CLOSED'""")
                .param("id", inquiry.id())
                .update();
        comeBack(jdbc, inquiry.id(), followUpDue(jurisdictionId, now));
        if (shareAsArticle) {
            // Read by every agent once published, and out of reach of a later erasure: without the caller in it.
            String question = withoutCaller(jurisdictionId, inquiry.question(), inquiry.callerName());
            knowledge.draft(
                    jurisdictionId,
                    new ArticleDraft(
                            question.length() > 180 ? question.substring(0, 177) + "…" : question,
                            withoutCaller(jurisdictionId, text, inquiry.callerName()),
                            inquiry.departmentCode(),
                            List.of("inquiry " + inquiry.reference()),
                            Audience.STAFF,
                            null),
                    recordedBy);
        }
        return promise(jurisdictionId, promiseId);
    }

    /**
     * A callback recorded when another was already, or the promise withdrawn: two people reached the caller, or one
     * called back after the caller said they no longer needed it. What each learnt is kept, the second added to the
     * first's outcome, rather than refused and typed for nothing; the same words sent twice (a double click) once.
     */
    private CallbackPromise recordedAlready(String jurisdictionId, long promiseId, String text, String recordedBy) {
        jdbc.sql(
                        """
                        update callback_promise set outcome = concat_ws(E'\n\n', outcome, :addition)
                        where id = :id and outcome is distinct from :text and strpos(coalesce(outcome, ''), :addition) = 0""")
                .param("addition", "Also recorded by " + recordedBy + ": " + text)
                .param("text", text)
                .param("id", promiseId)
                .update();
        return promise(jurisdictionId, promiseId);
    }

    /**
     * Withdraws a callback promise the caller no longer needs (they found the answer, or called again and were
     * answered), saying why: the person it was promised for no longer owes it, nobody is alerted about it, and the
     * inquiry goes back to what it was without it. A promise already broken stays broken on the record. The agent who
     * made it withdraws it, or someone who oversees promises.
     */
    @Transactional
    public CallbackPromise withdrawPromise(
            String jurisdictionId, String reference, long promiseId, String reason, Acting by) {
        CallbackPromise promise = promise(jurisdictionId, promiseId);
        if (!promise.inquiryReference().equals(reference)) {
            throw new NotFoundException("no promise " + promiseId + " in inquiry " + reference);
        }
        if (!by.mayWithdraw(promise)) {
            throw new AccessDeniedException(
                    by.username() + " may not withdraw the promise " + promise.promisedBy() + " made");
        }
        String why = text("reason", reason, true);
        // Under the inquiry's lock, as escalations and follow-ups take it.
        lockInquiry(promise.inquiryId());
        int withdrawn = jdbc.sql(
                        """
                        update callback_promise set withdrawn_at = :at, outcome = :why, recorded_by = :by,
                            state = case when state = 'PENDING' then 'WITHDRAWN' else state end
                        where id = :id and called_back_at is null and withdrawn_at is null""")
                .param("at", Timestamp.from(clock.instant()))
                .param("why", "Withdrawn: " + why)
                .param("by", by.username())
                .param("id", promiseId)
                .update();
        if (withdrawn == 0) {
            throw new InvalidInputException("promise", "the callback was already recorded, or the promise withdrawn");
        }
        settle(jdbc, promise.inquiryId());
        return promise(jurisdictionId, promiseId);
    }

    /** The longest a follow-up is put off for a caller not reached: a callback promised is not left for weeks. */
    static final java.time.Duration LONGEST_RETRY = java.time.Duration.ofDays(7);

    /**
     * The caller could not be reached (no answer, a full voicemail): the follow-up stays open and comes due again at
     * the time the agent chose, saying what was tried, rather than closing the inquiry unreached.
     */
    @Transactional
    public FollowUp retryFollowUp(String jurisdictionId, long followUpId, Instant at, String what, Acting by) {
        FollowUp followUp = followUpFor(jurisdictionId, followUpId, by, " for update of f");
        if (followUp.doneAt() != null) {
            throw new InvalidInputException("followUp", "is already done");
        }
        Instant now = clock.instant();
        if (!at.isAfter(now)) {
            throw new InvalidInputException("retryAt", "is past: choose when to try the caller again");
        }
        if (at.isAfter(now.plus(LONGEST_RETRY))) {
            throw new InvalidInputException(
                    "retryAt",
                    "is more than " + LONGEST_RETRY.toDays() + " days away: a callback is not left that long");
        }
        String tried = text("attempt", what, true);
        jdbc.sql(
                        """
                        update follow_up set due_at = :at, attempts = attempts + 1, last_attempt = :tried
                        where id = :id and done_at is null""")
                .param("at", Timestamp.from(at))
                .param("tried", tried)
                .param("id", followUpId)
                .update();
        return jdbc.sql(
                        "select f.*, i.reference from follow_up f join inquiry i on i.id = f.inquiry_id where f.id = :id")
                .param("id", followUpId)
                .query(Inquiries::followUp)
                .single();
    }

    /** A follow-up of the jurisdiction, for the agent it came back to or someone who oversees follow-ups. */
    private FollowUp followUpFor(String jurisdictionId, long followUpId, Acting by, String locking) {
        FollowUp followUp = jdbc.sql("select f.*, i.reference from follow_up f join inquiry i on i.id = f.inquiry_id"
                        + " where f.id = :id and i.jurisdiction_id = :j" + locking)
                .param("id", followUpId)
                .param("j", jurisdictionId)
                .query(Inquiries::followUp)
                .optional()
                .orElseThrow(() -> new NotFoundException("no follow-up " + followUpId));
        if (!by.mayComplete(followUp)) {
            throw new AccessDeniedException(by.username() + " may not work a follow-up of " + followUp.owner());
        }
        return followUp;
    }

    /**
     * Closes the inquiry from its follow-up: whether the caller was reached, how it ended, how satisfied they were.
     * Only the agent it came back to completes it, or someone who oversees follow-ups.
     */
    @Transactional
    public Inquiry completeFollowUp(
            String jurisdictionId,
            long followUpId,
            boolean reached,
            String resolution,
            @Nullable Integer satisfaction,
            Acting by) {
        FollowUp followUp = followUpFor(jurisdictionId, followUpId, by, "");
        if (followUp.doneAt() != null) {
            throw new InvalidInputException("followUp", "is already done");
        }
        if (satisfaction != null && (satisfaction < 1 || satisfaction > 5)) {
            throw new InvalidInputException("satisfaction", "must be from 1 to 5");
        }
        String text = text("resolution", resolution, true);
        // Under the inquiry's lock, which an escalation takes too: no promise is made while this closes it.
        lockInquiry(followUp.inquiryId());
        // A promise already broken came back to the agent to reach the caller themselves, as they now have: it stays
        // broken on the record and is no longer owed. Only one still pending holds the inquiry open.
        jdbc.sql(
                        """
                        update callback_promise set withdrawn_at = :at, recorded_by = :by,
                            outcome = coalesce(outcome, 'The caller was reached at the follow-up instead')
                        where inquiry_id = :id and state = 'BROKEN' and called_back_at is null and withdrawn_at is null""")
                .param("at", Timestamp.from(clock.instant()))
                .param("by", by.username())
                .param("id", followUp.inquiryId())
                .update();
        List<String> owed = jdbc.sql(
                        "select person_key from callback_promise where inquiry_id = :id and called_back_at is null"
                                + " and withdrawn_at is null"
                                + " order by deadline")
                .param("id", followUp.inquiryId())
                .query(String.class)
                .list();
        if (!owed.isEmpty()) {
            throw new InvalidInputException(
                    "followUp",
                    "the caller still waits for the callback promised on behalf of "
                            + owed.stream()
                                    .map(key -> catalog.person(jurisdictionId, key)
                                            .map(org.civic311.catalog.Person::name)
                                            .orElse(key))
                                    .collect(java.util.stream.Collectors.joining(" and "))
                            + "; the inquiry closes at the follow-up after it");
        }
        Instant now = clock.instant();
        int done = jdbc.sql("update follow_up set done_at = :at, reached = :reached, note = :note, done_by = :by"
                        + " where id = :id and done_at is null")
                .param("by", by.username())
                .param("at", Timestamp.from(now))
                .param("reached", reached)
                .param("note", text)
                .param("id", followUpId)
                .update();
        if (done == 0) {
            throw new InvalidInputException("followUp", "is already done");
        }
        // One follow-up per callback: the others of the inquiry end with it, rather than wait on a closed inquiry.
        jdbc.sql(
                        """
                        update follow_up set done_at = :at, reached = :reached, note = :note
                        where inquiry_id = :inquiry and done_at is null""")
                .param("at", Timestamp.from(now))
                .param("reached", reached)
                .param("note", text)
                .param("inquiry", followUp.inquiryId())
                .update();
        jdbc.sql(
                        """
                        update inquiry set status = 'CLOSED', resolution = :resolution, satisfaction = :satisfaction,
                            closed_at = :at, closed_by = :by where id = :id and status <> 'CLOSED'""")
                .param("by", by.username())
                .param("resolution", text)
                .param("satisfaction", satisfaction)
                .param("at", Timestamp.from(now))
                .param("id", followUp.inquiryId())
                .update();
        return find(jurisdictionId, followUp.inquiryReference());
    }

    /**
     * Closes an inquiry that needs no callback: answered another way, withdrawn by the caller, or taken by mistake.
     * One that waits for a callback, or has a follow-up to do, ends there instead, so that no promise is forgotten.
     */
    @Transactional
    public Inquiry close(String jurisdictionId, String reference, String resolution, Acting by) {
        Inquiry inquiry = find(jurisdictionId, reference);
        if (!by.mayClose(inquiry)) {
            throw new AccessDeniedException(by.username() + " may not close an inquiry of " + inquiry.owner());
        }
        switch (inquiry.status()) {
            case CLOSED -> throw new InvalidInputException("inquiry", "is already closed");
            case ESCALATED ->
                throw new InvalidInputException(
                        "inquiry", "waits for the callback promised to the caller; it closes at its follow-up");
            case ANSWERED ->
                throw new InvalidInputException("inquiry", "was called back; it closes when its follow-up is done");
            case OPEN -> {}
        }
        String text = text("resolution", resolution, true);
        int closed = jdbc.sql(
                        """
                        update inquiry set status = 'CLOSED', resolution = :resolution, closed_at = :at,
                            closed_by = :by
                        where id = :id and status = 'OPEN'""")
                .param("by", by.username())
                .param("resolution", text)
                .param("at", Timestamp.from(clock.instant()))
                .param("id", inquiry.id())
                .update();
        if (closed == 0) {
            throw new InvalidInputException("inquiry", "was escalated meanwhile; it closes at its follow-up");
        }
        // A follow-up still open (a broken promise's, its promise withdrawn since) ends with the inquiry, rather than
        // stay due for ever on a closed one.
        jdbc.sql(
                        """
                        update follow_up set done_at = :at, reached = true, note = :note
                        where inquiry_id = :id and done_at is null""")
                .param("at", Timestamp.from(clock.instant()))
                .param("note", "Closed with the inquiry: " + text)
                .param("id", inquiry.id())
                .update();
        return find(jurisdictionId, reference);
    }

    /**
     * Locks an inquiry's row until the transaction ends. Escalating, recording a callback, withdrawing a promise and
     * completing a follow-up all take it first, so each reads what is still owed after the others committed.
     */
    private void lockInquiry(long id) {
        jdbc.sql("select id from inquiry where id = :id for update")
                .param("id", id)
                .query(Long.class)
                .single();
    }

    public Inquiry find(String jurisdictionId, String reference) {
        return jdbc.sql("select * from inquiry where jurisdiction_id = :j and reference = :reference")
                .param("j", jurisdictionId)
                .param("reference", reference)
                .query((rs, n) -> new Inquiry(
                        rs.getLong("id"),
                        rs.getString("jurisdiction_id"),
                        rs.getString("reference"),
                        rs.getString("question"),
                        rs.getString("caller_name"),
                        rs.getString("caller_phone"),
                        rs.getString("caller_email"),
                        ContactChannel.valueOf(rs.getString("preferred_channel")),
                        rs.getString("department_code"),
                        rs.getString("owner"),
                        InquiryStatus.valueOf(rs.getString("status")),
                        rs.getString("resolution"),
                        (Integer) rs.getObject("satisfaction"),
                        rs.getTimestamp("created_at").toInstant(),
                        instant(rs.getTimestamp("closed_at")),
                        rs.getString("closed_by"),
                        promisesOf(rs.getLong("id")),
                        followUpsOf(rs.getLong("id"))))
                .optional()
                .orElseThrow(() -> new NotFoundException("no inquiry " + reference));
    }

    /**
     * Puts an inquiry whose promise was withdrawn back to what it is without it: escalated while another callback is
     * owed, answered if one was made, open otherwise. A closed inquiry stays closed.
     */
    static void settle(JdbcClient jdbc, long inquiryId) {
        jdbc.sql(
                        """
                        update inquiry set status = case
                            when exists (select 1 from callback_promise where inquiry_id = :id
                                         and called_back_at is null and withdrawn_at is null) then 'ESCALATED'
                            when exists (select 1 from callback_promise where inquiry_id = :id
                                         and called_back_at is not null) then 'ANSWERED'
                            else 'OPEN' end
                        where id = :id and status <> 'CLOSED'""")
                .param("id", inquiryId)
                .update();
    }

    /**
     * Gives the inquiry back to the agent who took it, due then, unless it is closed or already waits for them (a broken
     * promise came back before its late callback was recorded). The owner is read as the lock finds it: an agent's
     * work handed over meanwhile goes to their successor.
     */
    static void comeBack(JdbcClient jdbc, long inquiryId, Instant due) {
        jdbc.sql(
                        """
                        insert into follow_up (inquiry_id, owner, due_at)
                        select i.id, i.owner, :due from inquiry i
                        where i.id = :inquiry and i.status <> 'CLOSED'
                            and not exists (select 1 from follow_up f where f.inquiry_id = i.id and f.done_at is null)""")
                .param("inquiry", inquiryId)
                .param("due", Timestamp.from(due))
                .update();
    }

    /** A person's escalations still waiting for their callback (and those broken), soonest deadline first. */
    public List<CallbackPromise> queueOf(String jurisdictionId, String personKey) {
        return jdbc.sql(promiseSelect() + " where i.jurisdiction_id = :j and p.person_key = :person"
                        + " and p.called_back_at is null and p.withdrawn_at is null order by p.deadline")
                .param("j", jurisdictionId)
                .param("person", personKey)
                .query(Inquiries::promise)
                .list();
    }

    /**
     * Every callback still owed and not yet broken, soonest deadline first: what a supervisor watches before the
     * alerts come, across every person promises were made for.
     */
    public List<CallbackPromise> owed(String jurisdictionId) {
        return jdbc.sql(promiseSelect() + " where i.jurisdiction_id = :j and p.state <> 'BROKEN'"
                        + " and p.called_back_at is null and p.withdrawn_at is null order by p.deadline")
                .param("j", jurisdictionId)
                .query(Inquiries::promise)
                .list();
    }

    /** The callbacks a person covers for someone away, still owed, soonest deadline first. */
    public List<CallbackPromise> coveredBy(String jurisdictionId, String standIn) {
        return jdbc.sql(promiseSelect() + " where i.jurisdiction_id = :j and p.stand_in = :standIn"
                        + " and p.called_back_at is null and p.withdrawn_at is null order by p.deadline")
                .param("j", jurisdictionId)
                .param("standIn", standIn)
                .query(Inquiries::promise)
                .list();
    }

    /**
     * Someone away is covered from now: the callbacks already owed in their name and covered by no one become their
     * stand-in's too (one already covered stays with the stand-in whose number its caller was given). In the
     * transaction that records the absence.
     */
    @org.springframework.context.event.EventListener
    void on(org.civic311.catalog.PersonAway away) {
        List<CallbackCovered> covered = jdbc.sql(
                        """
                        update callback_promise p set stand_in = :standIn from inquiry i
                        where i.id = p.inquiry_id and i.jurisdiction_id = :j and p.person_key = :person
                          and p.called_back_at is null and p.withdrawn_at is null
                          and p.stand_in is null
                        returning p.id, i.reference, p.deadline, p.caller_left_no_contact""")
                .param("standIn", away.standIn())
                .param("j", away.jurisdictionId())
                .param("person", away.personKey())
                .query((rs, n) -> new CallbackCovered(
                        rs.getLong("id"),
                        away.jurisdictionId(),
                        rs.getString("reference"),
                        away.personKey(),
                        away.standIn(),
                        rs.getTimestamp("deadline").toInstant(),
                        rs.getBoolean("caller_left_no_contact")))
                .list();
        // Each is told to the stand-in, as a callback promised while the person is away is.
        covered.forEach(events::publishEvent);
    }

    /**
     * An agent's follow-ups still to do, soonest first: not while the department still has time to call back, but as
     * soon as its deadline passes without a call.
     */
    public List<FollowUp> followUpsOf(String jurisdictionId, String owner) {
        return jdbc.sql(
                        """
                        select f.*, i.reference from follow_up f join inquiry i on i.id = f.inquiry_id
                        where i.jurisdiction_id = :j and f.owner = :owner and f.done_at is null
                          and not exists (select 1 from callback_promise p where p.inquiry_id = f.inquiry_id
                                          and p.called_back_at is null and p.withdrawn_at is null
                                          and p.state = 'PENDING')
                        order by f.due_at""")
                .param("j", jurisdictionId)
                .param("owner", owner)
                .query(Inquiries::followUp)
                .list();
    }

    /**
     * The questions of the last days the knowledge base could not answer: inquiries escalated to a department (of
     * the one given, or of any), newest first, each with the latest answer its callback brought.
     */
    public List<KnowledgeGap> knowledgeGaps(
            String jurisdictionId, @Nullable String departmentCode, Duration within, int limit) {
        return jdbc.sql(
                        """
                        select i.reference, i.question, i.department_code, i.created_at, i.caller_name,
                            (select p.outcome from callback_promise p
                             where p.inquiry_id = i.id and p.outcome is not null
                             order by p.called_back_at desc nulls last, p.id desc limit 1) as answer
                        from inquiry i
                        where i.jurisdiction_id = :j and i.created_at >= :since
                          and exists (select 1 from callback_promise p where p.inquiry_id = i.id)
                          and (cast(:department as text) is null or i.department_code = :department)
                        order by i.created_at desc limit :limit""")
                .param("j", jurisdictionId)
                .param("since", Timestamp.from(clock.instant().minus(within)))
                .param("department", departmentCode)
                .param("limit", limit)
                // Shown to editors and made into articles: the caller is left out of both.
                .query((rs, n) -> new KnowledgeGap(
                        rs.getString("reference"),
                        withoutCaller(jurisdictionId, rs.getString("question"), rs.getString("caller_name")),
                        rs.getString("department_code"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getString("answer") == null
                                ? null
                                : withoutCaller(jurisdictionId, rs.getString("answer"), rs.getString("caller_name"))))
                .list();
    }

    /**
     * A caller's words as the knowledge base may keep them: without their name or anyone's numbers and email
     * addresses, but with the city's own, which are often the answer.
     */
    private String withoutCaller(String jurisdictionId, String text, @Nullable String callerName) {
        return PersonalDetails.withoutNames(
                PersonalDetails.masked(text, catalog.ownContacts(jurisdictionId)),
                Collections.singletonList(callerName));
    }

    /** What an agent still holds: open inquiries they took, follow-ups not done. */
    public AgentWork workOf(String jurisdictionId, String agent) {
        return jdbc.sql(
                        """
                        select (select count(*) from inquiry
                                where jurisdiction_id = :j and owner = :agent and status <> 'CLOSED') as inquiries,
                               (select count(*) from follow_up f join inquiry i on i.id = f.inquiry_id
                                where i.jurisdiction_id = :j and f.owner = :agent and f.done_at is null) as follow_ups""")
                .param("j", jurisdictionId)
                .param("agent", agent)
                .query((rs, n) -> new AgentWork(rs.getInt("inquiries"), rs.getInt("follow_ups")))
                .single();
    }

    /**
     * Hands what an agent holds to a colleague: their open inquiries and their follow-ups still to do, with the same
     * due times. The promises they made keep their name, as the record of who promised.
     *
     * @return what was handed over
     */
    @Transactional
    public AgentWork handOver(String jurisdictionId, String from, String to) {
        if (from.equals(to)) {
            throw new InvalidInputException("to", "is the same person; choose a colleague");
        }
        int inquiries = jdbc.sql(
                        """
                        update inquiry set owner = :to
                        where jurisdiction_id = :j and owner = :from and status <> 'CLOSED'""")
                .param("j", jurisdictionId)
                .param("from", from)
                .param("to", to)
                .update();
        int followUps = jdbc.sql(
                        """
                        update follow_up f set owner = :to
                        from inquiry i
                        where i.id = f.inquiry_id and i.jurisdiction_id = :j and f.owner = :from and f.done_at is null""")
                .param("j", jurisdictionId)
                .param("from", from)
                .param("to", to)
                .update();
        return new AgentWork(inquiries, followUps);
    }

    /** The inquiries an agent took that are not closed yet, newest first. */
    public List<InquirySummary> openInquiriesOf(String jurisdictionId, String owner) {
        return jdbc.sql(SUMMARY + " where i.jurisdiction_id = :j and i.owner = :owner and i.status <> 'CLOSED'"
                        + " order by i.created_at desc limit 200")
                .param("j", jurisdictionId)
                .param("owner", owner)
                .query(Inquiries::summary)
                .list();
    }

    /**
     * A caller's earlier inquiries, newest first, found by the last ten digits of the phone number they gave, however
     * it was written. Empty for fewer than seven digits.
     */
    public List<InquirySummary> ofCallerPhone(String jurisdictionId, @Nullable String phone, int limit) {
        String digits = phone == null ? "" : org.civic311.common.ResidentAddress.phoneKey(phone);
        if (digits.length() < 7) {
            return List.of();
        }
        // The expression of the index inquiry_caller_phone_key.
        return jdbc.sql(SUMMARY + " where i.jurisdiction_id = :j and i.caller_phone is not null"
                        + " and phone_key(i.caller_phone) = :digits"
                        + " order by i.created_at desc limit :limit")
                .param("j", jurisdictionId)
                .param("digits", digits)
                .param("limit", limit)
                .query(Inquiries::summary)
                .list();
    }

    private static final String SUMMARY =
            """
            select i.reference, i.question, i.status, i.created_at,
                (select min(p.deadline) from callback_promise p
                 where p.inquiry_id = i.id and p.called_back_at is null and p.withdrawn_at is null) as next_deadline
            from inquiry i""";

    private static InquirySummary summary(ResultSet rs, int row) throws SQLException {
        return new InquirySummary(
                rs.getString("reference"),
                rs.getString("question"),
                InquiryStatus.valueOf(rs.getString("status")),
                rs.getTimestamp("created_at").toInstant(),
                instant(rs.getTimestamp("next_deadline")));
    }

    /**
     * Inquiries and callback promises per local day: inquiries opened that day, and the promises due that day with
     * how they ended (kept, broken, or still pending).
     */
    public List<InquiryFigures> figures(
            String jurisdictionId, java.time.LocalDate from, java.time.LocalDate to, java.time.ZoneId zone) {
        return jdbc.sql(
                        """
                        with days as (
                            select d::date as day from generate_series(cast(:fromDay as date), cast(:toDay as date),
                                interval '1 day') d),
                        opened as (
                            select (created_at at time zone :zone)::date as day, count(*) as n from inquiry
                            where jurisdiction_id = :j and created_at >= :from and created_at < :to group by 1),
                        promised as (
                            select (p.deadline at time zone :zone)::date as day, count(*) as due,
                                count(*) filter (where p.state = 'KEPT') as kept,
                                count(*) filter (where p.state = 'BROKEN') as broken
                            from callback_promise p join inquiry i on i.id = p.inquiry_id
                            where i.jurisdiction_id = :j and p.deadline >= :from and p.deadline < :to
                                and p.state <> 'WITHDRAWN'
                                -- A call expected from a caller who left no contact is no callback due.
                                and not p.caller_left_no_contact
                            group by 1)
                        select days.day, coalesce(o.n, 0) as opened, coalesce(p.due, 0) as due,
                            coalesce(p.kept, 0) as kept, coalesce(p.broken, 0) as broken
                        from days left join opened o on o.day = days.day left join promised p on p.day = days.day
                        order by days.day""")
                .param("fromDay", from)
                .param("toDay", to)
                .param("zone", zone.getId())
                .param("j", jurisdictionId)
                .param("from", Timestamp.from(from.atStartOfDay(zone).toInstant()))
                .param("to", Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant()))
                .query((rs, n) -> new InquiryFigures(
                        rs.getObject("day", java.time.LocalDate.class),
                        rs.getInt("opened"),
                        rs.getInt("due"),
                        rs.getInt("kept"),
                        rs.getInt("broken")))
                .list();
    }

    /** Every agent's follow-ups past their due time, longest overdue first: a supervisor's list when agents are away. */
    public List<FollowUp> overdueFollowUps(String jurisdictionId) {
        return jdbc.sql(
                        """
                        select f.*, i.reference from follow_up f join inquiry i on i.id = f.inquiry_id
                        where i.jurisdiction_id = :j and f.done_at is null and f.due_at < :now
                          and not exists (select 1 from callback_promise p where p.inquiry_id = f.inquiry_id
                                          and p.called_back_at is null and p.withdrawn_at is null)
                        order by f.due_at""")
                .param("j", jurisdictionId)
                .param("now", Timestamp.from(clock.instant()))
                .query(Inquiries::followUp)
                .list();
    }

    /**
     * Follow-ups past their due time and not done yet; one whose inquiry still waits for another callback waits for
     * it, as it cannot be done before.
     */
    public int followUpsOverdue(String jurisdictionId) {
        return jdbc.sql(
                        """
                        select count(*) from follow_up f join inquiry i on i.id = f.inquiry_id
                        where i.jurisdiction_id = :j and f.done_at is null and f.due_at < :now
                          and not exists (select 1 from callback_promise p where p.inquiry_id = f.inquiry_id
                                          and p.called_back_at is null and p.withdrawn_at is null)""")
                .param("j", jurisdictionId)
                .param("now", Timestamp.from(clock.instant()))
                .query(Integer.class)
                .single();
    }

    /**
     * Promises whose deadline passed without a callback: they stay listed until someone calls back. A callback made
     * late leaves the promise broken, as the record and the figures say, but off this list of callbacks still owed.
     */
    public List<CallbackPromise> broken(String jurisdictionId) {
        return jdbc.sql(promiseSelect()
                        + " where i.jurisdiction_id = :j and p.state = 'BROKEN' and p.called_back_at is null"
                        + " and p.withdrawn_at is null"
                        + " order by p.deadline")
                .param("j", jurisdictionId)
                .query(Inquiries::promise)
                .list();
    }

    /**
     * Promises broken since a moment, most recently due first, whether called back late or still owed: the record a
     * supervisor reads over a period.
     */
    public List<CallbackPromise> brokenSince(String jurisdictionId, Instant since) {
        return jdbc.sql(promiseSelect()
                        + " where i.jurisdiction_id = :j and p.state = 'BROKEN' and p.deadline >= :since"
                        + " order by p.deadline desc")
                .param("j", jurisdictionId)
                .param("since", Timestamp.from(since))
                .query(Inquiries::promise)
                .list();
    }

    /** Whether the callback is still owed: neither recorded nor withdrawn (a promise that no longer exists is not). */
    public boolean stillOwed(long promiseId) {
        return jdbc.sql(
                        """
                        select exists (select 1 from callback_promise
                                       where id = :id and called_back_at is null and withdrawn_at is null)""")
                .param("id", promiseId)
                .query(Boolean.class)
                .single();
    }

    CallbackPromise promise(String jurisdictionId, long id) {
        return jdbc.sql(promiseSelect() + " where p.id = :id and i.jurisdiction_id = :j")
                .param("id", id)
                .param("j", jurisdictionId)
                .query(Inquiries::promise)
                .optional()
                .orElseThrow(() -> new NotFoundException("no callback promise " + id));
    }

    private List<CallbackPromise> promisesOf(long inquiryId) {
        return jdbc.sql(promiseSelect() + " where p.inquiry_id = :id order by p.id")
                .param("id", inquiryId)
                .query(Inquiries::promise)
                .list();
    }

    private List<FollowUp> followUpsOf(long inquiryId) {
        return jdbc.sql("select f.*, i.reference from follow_up f join inquiry i on i.id = f.inquiry_id"
                        + " where f.inquiry_id = :id order by f.id")
                .param("id", inquiryId)
                .query(Inquiries::followUp)
                .list();
    }

    private static String promiseSelect() {
        return "select p.*, i.reference, i.question, i.caller_name, i.caller_phone, i.caller_email"
                + " from callback_promise p join inquiry i on i.id = p.inquiry_id";
    }

    private static CallbackPromise promise(ResultSet rs, int n) throws SQLException {
        ContactChannel channel = ContactChannel.valueOf(rs.getString("channel"));
        return new CallbackPromise(
                rs.getLong("id"),
                rs.getLong("inquiry_id"),
                rs.getString("reference"),
                rs.getString("question"),
                rs.getString("person_key"),
                rs.getString("promised_by"),
                rs.getTimestamp("deadline").toInstant(),
                channel,
                rs.getString("fallback_contact"),
                CallbackPromise.PromiseState.valueOf(rs.getString("state")),
                instant(rs.getTimestamp("called_back_at")),
                rs.getString("outcome"),
                rs.getString("caller_name"),
                reach(channel, rs.getString("caller_phone"), rs.getString("caller_email")),
                instant(rs.getTimestamp("withdrawn_at")),
                rs.getString("stand_in"),
                rs.getString("recorded_by"));
    }

    private static FollowUp followUp(ResultSet rs, int n) throws SQLException {
        return new FollowUp(
                rs.getLong("id"),
                rs.getLong("inquiry_id"),
                rs.getString("reference"),
                rs.getString("owner"),
                rs.getTimestamp("due_at").toInstant(),
                instant(rs.getTimestamp("done_at")),
                (Boolean) rs.getObject("reached"),
                rs.getString("note"),
                rs.getInt("attempts"),
                rs.getString("last_attempt"));
    }

    private static @Nullable String reach(ContactChannel channel, @Nullable String phone, @Nullable String email) {
        return channel == ContactChannel.EMAIL ? email : phone;
    }

    private static String text(String field, @Nullable String value, boolean required) {
        String text = PlainText.multiLine(value);
        if (text == null && required) {
            throw new InvalidInputException(field, "is required");
        }
        if (text != null && text.length() > MAX_TEXT) {
            throw new InvalidInputException(field, "is longer than " + MAX_TEXT + " characters");
        }
        return text == null ? "" : text;
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
