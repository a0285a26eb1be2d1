package org.civic311.requests;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.civic311.catalog.Catalog;
import org.civic311.catalog.Jurisdiction;
import org.civic311.catalog.RequestStatus;
import org.civic311.catalog.ServiceType;
import org.civic311.catalog.WardMap;
import org.civic311.triage.Triage;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads years of history in batches through PostgreSQL's COPY. Each batch commits with the line of the file it
 * reached, so an interrupted import resumes after its last committed batch and never loads a row twice; each row that
 * cannot be loaded (a tracking number already present, a place off the globe) is kept as a refusal with its line.
 */
@Service
public class HistoryLoader {

    /** An import of one file into one jurisdiction, as far as it has committed. */
    public record Run(long id, String jurisdictionId, long committedRecord, long imported, long rejected) {}

    /** The {@code record}th request of the file, which starts on line {@code line}. */
    public record Row(long record, long line, HistoricalRequest request) {}

    /** A record that was not loaded, where it is in the file, and why. */
    public record Refusal(long record, long line, @Nullable String publicId, String reason) {}

    private static final String COPY =
            """
            copy service_request (jurisdiction_id, public_id, token, service_code, service_name, agency, status_code,
                closed, status_notes, description, service_notice, address, address_id, zipcode, lat, lon, ward_code,
                channel, requested_at, updated_at, expected_at, closed_at, department_code, description_public,
                location_private, sla_state)
            from stdin (format csv)""";

    private final Catalog catalog;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final Triage triage;
    private final Clock clock;
    // Looked up once per run: an archive repeats a few thousand types and wards over millions of rows.
    private final Map<String, WardMap> wards = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Optional<ServiceType>> types = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, String> departments = new java.util.concurrent.ConcurrentHashMap<>();

    HistoryLoader(Catalog catalog, JdbcClient jdbc, DataSource dataSource, Triage triage, Clock clock) {
        this.catalog = catalog;
        this.triage = triage;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** The unfinished run of this file, to resume, or a new one. */
    @Transactional
    public Run begin(String jurisdictionId, String fileKey, String fileName) {
        String j = catalog.resolveJurisdiction(jurisdictionId).id();
        wards.put(j, catalog.wardMap(j));
        types.clear();
        departments.clear();
        return jdbc.sql(
                        """
                        select id, jurisdiction_id, committed_record, imported, rejected from import_run
                        where jurisdiction_id = :j and file_key = :key and finished_at is null""")
                .param("j", j)
                .param("key", fileKey)
                .query(HistoryLoader::run)
                .optional()
                .orElseGet(() -> jdbc.sql(
                                """
                                insert into import_run (jurisdiction_id, file_key, file_name, started_at)
                                values (:j, :key, :name, :at)
                                returning id, jurisdiction_id, committed_record, imported, rejected""")
                        .param("j", j)
                        .param("key", fileKey)
                        .param("name", fileName)
                        .param("at", Timestamp.from(clock.instant()))
                        .query(HistoryLoader::run)
                        .single());
    }

    /**
     * For a first load of a large history into a database no instance serves: the request table's secondary indexes
     * are dropped, their definitions kept with the run, and {@link #finish} builds them again in one pass each, which
     * is much faster than keeping them up to date row by row. Constraints (the primary key, the unique tracking
     * numbers) stay, so duplicates are still refused.
     */
    @Transactional
    public void setIndexesAside(Run run) {
        List<String[]> indexes = jdbc.sql(
                        """
                        select i.indexname, i.indexdef from pg_indexes i
                        where i.schemaname = current_schema() and i.tablename = 'service_request'
                          and not exists (select 1 from pg_constraint c
                                          where c.conrelid = 'service_request'::regclass and c.conname = i.indexname)""")
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .list();
        if (indexes.isEmpty()) {
            return;
        }
        jdbc.sql(
                        """
                        update import_run set set_aside_indexes = coalesce(set_aside_indexes, '{}') || :definitions
                        where id = :id""")
                .param("definitions", indexes.stream().map(i -> i[1]).toArray(String[]::new))
                .param("id", run.id())
                .update();
        for (String[] index : indexes) {
            jdbc.sql("drop index " + quoted(index[0])).update();
        }
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /**
     * Loads a batch and records how far the file has been read, in one transaction.
     *
     * @param refused rows the reader already refused in this stretch of the file
     * @param lastRecord the last record of the file this batch covers
     */
    @Transactional
    public Run commit(Run run, List<Row> rows, List<Refusal> refused, long lastRecord) {
        Jurisdiction jurisdiction = catalog.resolveJurisdiction(run.jurisdictionId());
        WardMap wardMap = wards.computeIfAbsent(jurisdiction.id(), catalog::wardMap);
        List<Refusal> refusals = new ArrayList<>(refused);
        Set<String> present = present(jurisdiction.id(), rows);
        Map<String, Long> seen = new java.util.HashMap<>();
        StringBuilder csv = new StringBuilder(rows.size() * 256);
        Map<String, String> media = new java.util.LinkedHashMap<>();
        Instant now = clock.instant();
        int loaded = 0;
        for (Row row : rows) {
            HistoricalRequest r = row.request();
            if (present.contains(r.publicId())) {
                refusals.add(new Refusal(
                        row.record(), row.line(), r.publicId(), "request " + r.publicId() + " is already loaded"));
                continue;
            }
            Long first = seen.putIfAbsent(r.publicId(), row.line());
            if (first != null) {
                refusals.add(new Refusal(
                        row.record(),
                        row.line(),
                        r.publicId(),
                        "request " + r.publicId() + " appears earlier in the file, at line " + first));
                continue;
            }
            ServiceType type = types.computeIfAbsent(
                            jurisdiction.id() + "\u0000" + r.serviceCode(),
                            key -> catalog.serviceType(jurisdiction.id(), r.serviceCode()))
                    .orElse(null);
            if (type == null) {
                refusals.add(new Refusal(
                        row.record(),
                        row.line(),
                        r.publicId(),
                        "service type '" + r.serviceCode() + "' is not in the catalogue"));
                continue;
            }
            Location place = r.location();
            String ward = place.hasPoint()
                    ? wardMap.wardAt(place.latitude(), place.longitude()).orElse(null)
                    : null;
            String department = departments.computeIfAbsent(
                    jurisdiction.id() + "\u0000" + type.code() + "\u0000" + ward,
                    key -> catalog.route(jurisdiction.id(), type, ward).departmentCode());
            RequestStatus status = jurisdiction
                    .statusNamedAtStartOf(r.statusNotes(), r.closed())
                    .orElse(jurisdiction.firstStatus(r.closed()));
            Instant closedAt = status.closed() ? (r.updatedAt() == null ? r.requestedAt() : r.updatedAt()) : null;
            field(csv, jurisdiction.id()).append(',');
            field(csv, r.publicId()).append(',');
            csv.append(UUID.randomUUID()).append(',');
            field(csv, type.code()).append(',');
            field(csv, r.serviceName() == null ? type.name() : r.serviceName()).append(',');
            field(csv, r.agency() == null ? type.agencyName() : r.agency()).append(',');
            field(csv, status.code()).append(',');
            csv.append(status.closed()).append(',');
            // Published as they are: an old city's note with a resident's number in it loses the number.
            field(csv, RequestRepository.publicNotes(r.statusNotes())).append(',');
            field(csv, r.description()).append(',');
            field(csv, r.serviceNotice()).append(',');
            field(csv, place.address()).append(',');
            field(csv, place.addressId()).append(',');
            field(csv, place.zipcode()).append(',');
            number(csv, place.latitude()).append(',');
            number(csv, place.longitude()).append(',');
            field(csv, ward).append(",IMPORT,");
            csv.append(r.requestedAt()).append(',');
            time(csv, r.updatedAt()).append(',');
            time(csv, r.expectedAt()).append(',');
            time(csv, closedAt).append(',');
            field(csv, department).append(',');
            field(csv, RequestRepository.publicDescription(r.description(), triage))
                    .append(',');
            csv.append(type.privateLocation()).append(',');
            // An open request of the archive already past its due date comes in breached, as it was: the service
            // level watch escalates what breaches from now on, not years of an old system's backlog in one minute.
            csv.append(RequestRepository.importedSlaState(status.closed(), r.expectedAt(), now))
                    .append('\n');
            if (r.mediaUrl() != null) {
                media.put(r.publicId(), r.mediaUrl());
            }
            loaded++;
        }
        copy(csv);
        media(jurisdiction.id(), media);
        for (Refusal refusal : refusals) {
            jdbc.sql(
                            """
                            insert into import_rejection (run_id, record, line, public_id, reason)
                            values (:run, :record, :line, :id, :why)
                            on conflict do nothing""")
                    .param("run", run.id())
                    .param("record", refusal.record())
                    .param("line", refusal.line())
                    .param("id", refusal.publicId())
                    .param("why", refusal.reason())
                    .update();
        }
        return jdbc.sql(
                        """
                        update import_run set committed_record = :record, imported = imported + :loaded,
                            rejected = rejected + :refused
                        where id = :id
                        returning id, jurisdiction_id, committed_record, imported, rejected""")
                .param("record", lastRecord)
                .param("loaded", loaded)
                .param("refused", refusals.size())
                .param("id", run.id())
                .query(HistoryLoader::run)
                .single();
    }

    /**
     * Marks the run done: the same file run again is a new import, whose rows are all refused as present. The indexes
     * set aside are built again, this run's and those of any bulk import that never finished (interrupted, then
     * another file imported instead), so that no table is left to be scanned whole.
     */
    @Transactional
    public void finish(Run run) {
        List<String> setAside = jdbc.sql(
                        "select distinct unnest(set_aside_indexes) from import_run where set_aside_indexes is not null")
                .query(String.class)
                .list();
        for (String definition : setAside) {
            jdbc.sql(definition.replaceFirst("^CREATE (UNIQUE )?INDEX ", "CREATE $1INDEX IF NOT EXISTS "))
                    .update();
        }
        jdbc.sql("update import_run set set_aside_indexes = null where set_aside_indexes is not null")
                .update();
        jdbc.sql("update import_run set finished_at = :at where id = :id")
                .param("at", Timestamp.from(clock.instant()))
                .param("id", run.id())
                .update();
        // The planner's statistics, at once: after a bulk load they describe a table a fraction of its size.
        jdbc.sql("analyze service_request").update();
    }

    /** The refused rows of a run, by line. */
    public List<Refusal> refusals(long runId) {
        return jdbc.sql(
                        "select record, line, public_id, reason from import_rejection where run_id = :run order by record")
                .param("run", runId)
                .query((rs, n) -> new Refusal(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    private Set<String> present(String jurisdictionId, List<Row> rows) {
        String[] ids = rows.stream().map(r -> r.request().publicId()).toArray(String[]::new);
        return new HashSet<>(
                jdbc.sql("select public_id from service_request where jurisdiction_id = :j and public_id = any(:ids)")
                        .param("j", jurisdictionId)
                        .param("ids", ids)
                        .query(String.class)
                        .list());
    }

    /** The photos an archive links to, by the tracking numbers just loaded. */
    private void media(String jurisdictionId, Map<String, String> urls) {
        if (urls.isEmpty()) {
            return;
        }
        jdbc.sql(
                        """
                        insert into request_media (request_id, position, url, public)
                        select r.id, 0, m.url, not r.location_private from unnest(:ids, :urls) as m(public_id, url)
                        join service_request r on r.jurisdiction_id = :j and r.public_id = m.public_id""")
                .param("ids", urls.keySet().toArray(String[]::new))
                .param("urls", urls.values().toArray(String[]::new))
                .param("j", jurisdictionId)
                .update();
    }

    private void copy(StringBuilder csv) {
        if (csv.isEmpty()) {
            return;
        }
        // The transaction's own connection, so that the rows commit with the run's progress or not at all.
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new StringReader(csv.toString()));
        } catch (SQLException e) {
            throw new IllegalStateException("COPY of a batch of history failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static StringBuilder field(StringBuilder csv, @Nullable String value) {
        if (value == null) {
            return csv;
        }
        csv.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                csv.append('"');
            }
            if (c != 0) {
                csv.append(c);
            }
        }
        return csv.append('"');
    }

    private static StringBuilder number(StringBuilder csv, @Nullable Double value) {
        return value == null ? csv : csv.append(value.doubleValue());
    }

    private static StringBuilder time(StringBuilder csv, @Nullable Instant value) {
        return value == null ? csv : csv.append(value);
    }

    private static Run run(java.sql.ResultSet rs, int n) throws SQLException {
        return new Run(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
    }

    /**
     * A request of the jurisdiction's history, as the generator of benchmark data draws from it: its type, place,
     * time and how long it took to close.
     */
    public record Sample(
            String serviceCode,
            @Nullable String agency,
            double latitude,
            double longitude,
            @Nullable String address,
            Instant requestedAt,
            java.time.@Nullable Duration closedAfter) {}

    /** Up to {@code limit} requests of the jurisdiction's history with a place, the newest first. */
    public List<Sample> sample(String jurisdictionId, int limit) {
        return jdbc.sql(
                        """
                        select r.service_code, r.agency, r.lat, r.lon, r.address, r.requested_at,
                               extract(epoch from r.closed_at - r.requested_at)::bigint
                        from service_request r
                        where r.jurisdiction_id = :j and r.lat is not null
                        order by r.requested_at desc limit :limit""")
                .param("j", catalog.resolveJurisdiction(jurisdictionId).id())
                .param("limit", limit)
                .query((rs, n) -> {
                    long closed = rs.getLong(7);
                    return new Sample(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getDouble(3),
                            rs.getDouble(4),
                            rs.getString(5),
                            rs.getTimestamp(6).toInstant(),
                            rs.wasNull() || closed < 0 ? null : java.time.Duration.ofSeconds(closed));
                })
                .list();
    }
}
