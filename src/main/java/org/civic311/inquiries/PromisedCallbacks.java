package org.civic311.inquiries;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.civic311.catalog.Absences;
import org.civic311.catalog.DirectoryEntryUse;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Callbacks promised on a person's behalf and not yet made keep that person in the directory: pending ones and broken
 * ones alike, since a deadline that passed leaves the caller waiting all the more.
 */
@Component
class PromisedCallbacks implements DirectoryEntryUse {

    private final JdbcClient jdbc;
    private final Absences absences;
    private final ApplicationEventPublisher events;

    PromisedCallbacks(JdbcClient jdbc, Absences absences, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.absences = absences;
        this.events = events;
    }

    /** A callback still owed, as a hand-over moves it. */
    private record Owed(long id, String reference, String personKey, Instant deadline, boolean noContact) {}

    private static Owed owed(ResultSet rs, int row) throws SQLException {
        return new Owed(
                rs.getLong("id"),
                rs.getString("reference"),
                rs.getString("person_key"),
                rs.getTimestamp("deadline").toInstant(),
                rs.getBoolean("caller_left_no_contact"));
    }

    @Override
    public Optional<String> stillNeeds(String jurisdictionId, String key) {
        int pending = jdbc.sql(
                        """
                        select count(*) from callback_promise p join inquiry i on i.id = p.inquiry_id
                        where i.jurisdiction_id = :j and (p.person_key = :key or p.stand_in = :key)
                          and p.called_back_at is null and p.withdrawn_at is null""")
                .param("j", jurisdictionId)
                .param("key", key)
                .query(Integer.class)
                .single();
        return pending == 0
                ? Optional.empty()
                : Optional.of("owes " + pending + (pending == 1 ? " promised callback" : " promised callbacks"));
    }

    /**
     * The callbacks still owed are the new person's to make, by the same deadlines, in their own queue (covered by
     * their stand-in if they are away); those the person covered as a stand-in are the new person's to cover, or
     * simply theirs when owed in their own name.
     */
    @Override
    public Optional<String> handOver(String jurisdictionId, String from, String to, String actor) {
        String standIn =
                absences.of(jurisdictionId, to).map(Absences.Absence::standIn).orElse(null);
        List<Owed> handed = jdbc.sql(
                        """
                        update callback_promise p set person_key = :to, stand_in = :standIn
                        from inquiry i
                        where i.id = p.inquiry_id and i.jurisdiction_id = :j and p.person_key = :from
                          and p.called_back_at is null and p.withdrawn_at is null
                        returning p.id, i.reference, p.person_key, p.deadline, p.caller_left_no_contact""")
                .param("j", jurisdictionId)
                .param("from", from)
                .param("to", to)
                .param("standIn", standIn)
                .query(PromisedCallbacks::owed)
                .list();
        List<Owed> covered = jdbc.sql(
                        """
                        update callback_promise p set stand_in = case when p.person_key = :to then null else :to end
                        from inquiry i
                        where i.id = p.inquiry_id and i.jurisdiction_id = :j and p.stand_in = :from
                          and p.called_back_at is null and p.withdrawn_at is null
                        returning p.id, i.reference, p.person_key, p.deadline, p.caller_left_no_contact""")
                .param("j", jurisdictionId)
                .param("from", from)
                .param("to", to)
                .query(PromisedCallbacks::owed)
                .list();
        // Each new owner or stand-in is told what became theirs: a warning before the deadline that went out
        // already went to the person who left.
        for (Owed owed : handed) {
            events.publishEvent(new CallbackHandedOver(
                    owed.id(), jurisdictionId, owed.reference(), from, to, owed.deadline(), owed.noContact()));
            if (standIn != null) {
                events.publishEvent(new CallbackCovered(
                        owed.id(), jurisdictionId, owed.reference(), to, standIn, owed.deadline(), owed.noContact()));
            }
        }
        for (Owed owed : covered) {
            if (!owed.personKey().equals(to)) {
                events.publishEvent(new CallbackCovered(
                        owed.id(),
                        jurisdictionId,
                        owed.reference(),
                        owed.personKey(),
                        to,
                        owed.deadline(),
                        owed.noContact()));
            }
        }
        int moved = handed.size();
        return moved == 0
                ? Optional.empty()
                : Optional.of(moved + (moved == 1 ? " promised callback" : " promised callbacks"));
    }
}
