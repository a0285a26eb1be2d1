package org.civic311.inquiries;

import java.util.Optional;
import org.civic311.catalog.Absences;
import org.civic311.catalog.DirectoryEntryUse;
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

    PromisedCallbacks(JdbcClient jdbc, Absences absences) {
        this.jdbc = jdbc;
        this.absences = absences;
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
        int moved = jdbc.sql(
                        """
                        update callback_promise p set person_key = :to, stand_in = :standIn
                        from inquiry i
                        where i.id = p.inquiry_id and i.jurisdiction_id = :j and p.person_key = :from
                          and p.called_back_at is null and p.withdrawn_at is null""")
                .param("j", jurisdictionId)
                .param("from", from)
                .param("to", to)
                .param(
                        "standIn",
                        absences.of(jurisdictionId, to)
                                .map(Absences.Absence::standIn)
                                .orElse(null))
                .update();
        jdbc.sql(
                        """
                        update callback_promise p set stand_in = case when p.person_key = :to then null else :to end
                        from inquiry i
                        where i.id = p.inquiry_id and i.jurisdiction_id = :j and p.stand_in = :from
                          and p.called_back_at is null and p.withdrawn_at is null""")
                .param("j", jurisdictionId)
                .param("from", from)
                .param("to", to)
                .update();
        return moved == 0
                ? Optional.empty()
                : Optional.of(moved + (moved == 1 ? " promised callback" : " promised callbacks"));
    }
}
