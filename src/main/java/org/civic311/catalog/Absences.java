package org.civic311.catalog;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.civic311.common.InvalidInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who of the people directory is away, until which day, and who stands in for them: a manager on leave has callbacks
 * promised in their name all the same, and someone must hear of them and make them. An absence ends by itself after
 * its last day.
 */
@Service
public class Absences implements DirectoryEntryUse {

    /** The longest absence recorded at once: a longer one is a hand-over, not a stand-in. */
    static final int MAX_DAYS = 366;

    private final JdbcClient jdbc;
    private final Catalog catalog;
    private final CatalogRepository repository;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    Absences(
            JdbcClient jdbc,
            Catalog catalog,
            CatalogRepository repository,
            org.springframework.context.ApplicationEventPublisher events,
            Clock clock) {
        this.events = events;
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.repository = repository;
        this.clock = clock;
    }

    /** Someone away until a day (the last day they are away), and who stands in for them. */
    public record Absence(String personKey, LocalDate until, String standIn) {}

    /** The person's absence, if they are away today in their city. */
    public Optional<Absence> of(String jurisdictionId, String personKey) {
        return jdbc.sql(
                        """
                        select person_key, until, stand_in from person_absence
                        where jurisdiction_id = :j and person_key = :key and until >= :today""")
                .param("j", jurisdictionId)
                .param("key", personKey)
                .param("today", today(jurisdictionId))
                .query(Absences::absence)
                .optional();
    }

    /** Whose absences the person covers today. */
    public List<Absence> coveredBy(String jurisdictionId, @Nullable String standIn) {
        if (standIn == null) {
            return List.of();
        }
        return jdbc.sql(
                        """
                        select person_key, until, stand_in from person_absence
                        where jurisdiction_id = :j and stand_in = :key and until >= :today order by person_key""")
                .param("j", jurisdictionId)
                .param("key", standIn)
                .param("today", today(jurisdictionId))
                .query(Absences::absence)
                .list();
    }

    /**
     * Records that the person is away until a day, with a stand-in from the directory who is not away themselves;
     * on the catalogue's change record.
     */
    @Transactional
    public void away(String jurisdictionId, String personKey, LocalDate until, String standIn, String actor) {
        Person person = catalog.requirePerson(jurisdictionId, personKey);
        // Held, so that the stand-in cannot leave the directory while they are named.
        if (!repository.lockPerson(jurisdictionId, standIn, true)) {
            throw new InvalidInputException("standIn", "is not in the people directory");
        }
        Person covering = catalog.person(jurisdictionId, standIn)
                .orElseThrow(() -> new InvalidInputException("standIn", "is not in the people directory"));
        if (covering.key().equals(person.key())) {
            throw new InvalidInputException("standIn", "must be someone other than " + person.name());
        }
        // One city's absences at a time: two people recorded as each other's stand-in at once would cover no one.
        jdbc.sql("select pg_advisory_xact_lock(hashtext('person_absence:' || :j))")
                .param("j", jurisdictionId)
                .query()
                .singleRow();
        if (of(jurisdictionId, covering.key()).isPresent()) {
            throw new InvalidInputException("standIn", covering.name() + " is away too: choose someone who is here");
        }
        List<Absence> covered = coveredBy(jurisdictionId, person.key());
        if (!covered.isEmpty()) {
            throw new InvalidInputException(
                    "until",
                    "cannot be recorded while " + person.name() + " stands in for "
                            + catalog.person(jurisdictionId, covered.getFirst().personKey())
                                    .map(Person::name)
                                    .orElse(covered.getFirst().personKey())
                            + ": choose another stand-in for them first");
        }
        LocalDate today = today(jurisdictionId);
        if (until.isBefore(today) || until.isAfter(today.plusDays(MAX_DAYS))) {
            throw new InvalidInputException(
                    "until", "must be from today to a year from now; a longer absence is a hand-over to a successor");
        }
        jdbc.sql(
                        """
                        insert into person_absence (jurisdiction_id, person_key, until, stand_in)
                        values (:j, :key, :until, :standIn)
                        on conflict (jurisdiction_id, person_key)
                            do update set until = excluded.until, stand_in = excluded.stand_in""")
                .param("j", jurisdictionId)
                .param("key", person.key())
                .param("until", until)
                .param("standIn", covering.key())
                .update();
        repository.recordChange(
                jurisdictionId,
                CatalogEditor.EntryKind.PERSON,
                person.key(),
                actor,
                "away until " + until + ", " + covering.name() + " stands in");
        events.publishEvent(new PersonAway(jurisdictionId, person.key(), until, covering.key()));
    }

    /** Someone standing in cannot leave the directory before another stands in for whom they cover. */
    @Override
    public Optional<String> stillNeeds(String jurisdictionId, String key) {
        int covering = coveredBy(jurisdictionId, key).size();
        return covering == 0
                ? Optional.empty()
                : Optional.of("stands in for " + covering + (covering == 1 ? " person away" : " people away"));
    }

    /**
     * Their successor stands in for whom they cover; a successor away themselves cannot, and an absence of the
     * successor's own that they covered ends (the successor takes their work back).
     */
    @Override
    public Optional<String> handOver(String jurisdictionId, String from, String to, String actor) {
        List<Absence> covered = coveredBy(jurisdictionId, from).stream()
                .filter(absence -> !absence.personKey().equals(to))
                .toList();
        if (!covered.isEmpty() && of(jurisdictionId, to).isPresent()) {
            throw new InvalidInputException(
                    "to", "is away: hand over to someone who is here, as they would stand in for others");
        }
        jdbc.sql("delete from person_absence where jurisdiction_id = :j and stand_in = :from and person_key = :to")
                .param("j", jurisdictionId)
                .param("from", from)
                .param("to", to)
                .update();
        for (Absence absence : covered) {
            jdbc.sql(
                            """
                            update person_absence set stand_in = :to
                            where jurisdiction_id = :j and person_key = :key""")
                    .param("j", jurisdictionId)
                    .param("key", absence.personKey())
                    .param("to", to)
                    .update();
            events.publishEvent(new PersonAway(jurisdictionId, absence.personKey(), absence.until(), to));
        }
        return covered.isEmpty()
                ? Optional.empty()
                : Optional.of("standing in for " + covered.size() + (covered.size() == 1 ? " person" : " people"));
    }

    /** The person is back. */
    @Transactional
    public void back(String jurisdictionId, String personKey, String actor) {
        int ended = jdbc.sql("delete from person_absence where jurisdiction_id = :j and person_key = :key")
                .param("j", jurisdictionId)
                .param("key", personKey)
                .update();
        if (ended > 0) {
            repository.recordChange(jurisdictionId, CatalogEditor.EntryKind.PERSON, personKey, actor, "back");
        }
    }

    private static Absence absence(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Absence(rs.getString("person_key"), rs.getDate("until").toLocalDate(), rs.getString("stand_in"));
    }

    private LocalDate today(String jurisdictionId) {
        return catalog.resolveJurisdiction(jurisdictionId).today(clock);
    }
}
