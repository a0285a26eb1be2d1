package org.civic311.requests;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The aggregate queries behind the supervisor's figures: each one a single pass in PostgreSQL. */
@Repository
class FigureRepository {

    private final JdbcClient jdbc;

    FigureRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The medians of the time to a reporter's first answer and to closing, in seconds, of the requests read. */
    private static final String MEDIANS =
            """
            percentile_disc(0.5) within group (order by extract(epoch from f.first - r.requested_at))
                filter (where f.first is not null) as first_response,
            percentile_disc(0.5) within group (order by extract(epoch from r.closed_at - r.requested_at))
                filter (where r.closed and r.parent_id is null) as resolution
            """;

    /** The requests made in the period (imported history left out), each with its first answer as {@code f}. */
    private static final String MADE_IN_PERIOD = " from service_request r cross join lateral (" + FirstResponse.SQL
            + ") f where r.jurisdiction_id = :j and r.requested_at >= :from and r.requested_at < :to"
            + " and r.channel <> 'IMPORT'";

    List<RequestFigures.ByChannel> byChannel(String jurisdictionId, LocalDate from, LocalDate to, ZoneId zone) {
        return jdbc.sql(
                        """
                        select (requested_at at time zone :zone)::date as day, channel, count(*) as n
                        from service_request
                        where jurisdiction_id = :j and requested_at >= :from and requested_at < :to
                        group by 1, 2 order by 1, 2""")
                .param("zone", zone.getId())
                .param("j", jurisdictionId)
                .param("from", start(from, zone))
                .param("to", start(to.plusDays(1), zone))
                .query((rs, n) -> new RequestFigures.ByChannel(
                        rs.getObject("day", LocalDate.class), Channel.valueOf(rs.getString("channel")), rs.getInt("n")))
                .list();
    }

    List<RequestFigures.Service> service(
            String jurisdictionId, LocalDate from, LocalDate to, ZoneId zone, Instant now) {
        return jdbc.sql(
                        """
                        with days as (
                            select d::date as day from generate_series(cast(:fromDay as date), cast(:toDay as date),
                                interval '1 day') d),
                        breaches as (
                            -- By the due time they missed, kept when it is moved after; a duplicate's is its
                            -- parent's, and imported history has targets of another system.
                            select (coalesce(breached_at, expected_at) at time zone :zone)::date as day, count(*) as n
                            from service_request
                            where jurisdiction_id = :j and channel <> 'IMPORT' and parent_id is null
                              and ((breached_at >= :from and breached_at < :to)
                                or (breached_at is null and not closed and expected_at >= :from and expected_at < :to
                                    and expected_at < :now))
                            group by 1),
                        responses as (
                            select (r.requested_at at time zone :zone)::date as day,
                                percentile_disc(0.5) within group (order by extract(epoch from f.first - r.requested_at))
                                    as median
                            from service_request r
                            cross join lateral ("""
                                + FirstResponse.SQL
                                + """
                            ) f
                            where r.jurisdiction_id = :j and r.requested_at >= :from and r.requested_at < :to
                              and r.channel not in ('IMPORT', 'PHONE', 'WALK_IN') and f.first is not null
                            group by 1)
                        select days.day, coalesce(b.n, 0) as breaches, r.median
                        from days left join breaches b on b.day = days.day left join responses r on r.day = days.day
                        order by days.day""")
                .param("fromDay", from)
                .param("toDay", to)
                .param("zone", zone.getId())
                .param("j", jurisdictionId)
                .param("from", start(from, zone))
                .param("to", start(to.plusDays(1), zone))
                .param("now", Timestamp.from(now))
                .query((rs, n) -> new RequestFigures.Service(
                        rs.getObject("day", LocalDate.class), rs.getInt("breaches"), minutes(rs.getObject("median"))))
                .list();
    }

    /** Time to first response and to resolution of the requests made over the local days, by channel. */
    List<RequestFigures.Timeliness> timeliness(String jurisdictionId, LocalDate from, LocalDate to, ZoneId zone) {
        return jdbc
                .sql("select r.channel, count(*) as requests, count(f.first) as responded,"
                        + " count(*) filter (where r.closed and r.parent_id is null) as resolved, " + MEDIANS
                        + MADE_IN_PERIOD
                        + " group by r.channel")
                .param("j", jurisdictionId)
                .param("from", start(from, zone))
                .param("to", start(to.plusDays(1), zone))
                .query((rs, n) -> new RequestFigures.Timeliness(
                        Channel.valueOf(rs.getString("channel")),
                        rs.getInt("requests"),
                        rs.getInt("responded"),
                        minutes(rs.getObject("first_response")),
                        rs.getInt("resolved"),
                        minutes(rs.getObject("resolution"))))
                .list()
                .stream()
                .sorted(Comparator.comparing(RequestFigures.Timeliness::channel))
                .toList();
    }

    /** Each type's service over the local days, per department's queue; every department when none is given. */
    List<ServiceReport.Row> serviceReport(
            String jurisdictionId,
            LocalDate from,
            LocalDate to,
            ZoneId zone,
            @Nullable String departmentCode,
            Instant now) {
        return jdbc.sql(
                        """
                        select r.department_code, r.service_code, min(r.service_name) as service_name,
                            count(*) as received,
                            count(*) filter (where r.parent_id is not null) as duplicates,
                            count(*) filter (where r.closed and r.parent_id is null) as closed,
                            count(*) filter (where r.closed and r.parent_id is null and r.closed_at <= r.expected_at
                                and r.breached_at is null) as closed_on_time,
                            count(*) filter (where r.closed and r.parent_id is null
                                and (r.closed_at > r.expected_at or r.breached_at is not null)) as closed_late,
                            count(*) filter (where not r.closed and (r.expected_at < :now or r.breached_at is not null))
                                as open_past_due,
                            count(*) filter (where r.closed and r.parent_id is null and r.resolution = 'FIXED')
                                as closed_fixed,
                            percentile_disc(0.5) within group (order by extract(epoch from f.first - r.requested_at))
                                filter (where f.first is not null and r.channel not in ('PHONE', 'WALK_IN'))
                                as first_response,
                            percentile_disc(0.5) within group (order by extract(epoch from r.closed_at - r.requested_at))
                                filter (where r.closed and r.parent_id is null) as resolution
                            """
                                + MADE_IN_PERIOD
                                + """
                          and (cast(:department as text) is null or r.department_code = :department)
                        group by r.department_code, r.service_code
                        order by r.department_code nulls first, count(*) desc, r.service_code""")
                .param("j", jurisdictionId)
                .param("from", start(from, zone))
                .param("to", start(to.plusDays(1), zone))
                .param("department", departmentCode)
                .param("now", Timestamp.from(now))
                .query((rs, n) -> new ServiceReport.Row(
                        rs.getString("department_code"),
                        rs.getString("service_code"),
                        rs.getString("service_name"),
                        rs.getInt("received"),
                        rs.getInt("duplicates"),
                        rs.getInt("closed"),
                        rs.getInt("closed_on_time"),
                        rs.getInt("closed_late"),
                        rs.getInt("open_past_due"),
                        rs.getInt("closed_fixed"),
                        minutes(rs.getObject("first_response")),
                        minutes(rs.getObject("resolution"))))
                .list();
    }

    private static @Nullable Long minutes(@Nullable Object seconds) {
        return seconds == null ? null : Math.round(((Number) seconds).doubleValue() / 60);
    }

    /** Places with a repeat problem reported since a moment, most reports first; of one department's, when given. */
    List<RequestFigures.Hotspot> hotspots(
            String jurisdictionId, @Nullable String departmentCode, Instant since, int limit) {
        return jdbc.sql(
                        """
                        select min(service_name) as service_name, min(address) as address, min(ward_code) as ward,
                            count(*) as reports, max(requested_at) as latest,
                            (array_agg(public_id order by requested_at desc, id desc))[1] as latest_id
                        from service_request
                        where jurisdiction_id = :j and requested_at >= :since and address_key is not null
                          and (cast(:department as text) is null or department_code = :department)
                        group by service_code, address_key
                        having max(repeat_count) > 0
                        order by count(*) desc, max(requested_at) desc limit :limit""")
                .param("j", jurisdictionId)
                .param("since", Timestamp.from(since))
                .param("department", departmentCode)
                .param("limit", limit)
                .query((rs, n) -> new RequestFigures.Hotspot(
                        rs.getString("service_name"),
                        rs.getString("address"),
                        rs.getString("ward"),
                        rs.getInt("reports"),
                        rs.getTimestamp("latest").toInstant(),
                        rs.getString("latest_id")))
                .list();
    }

    private static Timestamp start(LocalDate day, ZoneId zone) {
        return Timestamp.from(day.atStartOfDay(zone).toInstant());
    }

    /** The open requests now, by department, ward and type: the most overdue first; at most {@code limit} lines. */
    List<Backlog> backlog(String jurisdictionId, @Nullable String departmentCode, Instant now, int limit) {
        return jdbc.sql(
                        """
                        select department_code, ward_code, service_code, min(service_name), count(*)::int,
                               (count(*) filter (where expected_at < :now))::int, min(requested_at)
                        from service_request
                        where jurisdiction_id = :j and not closed
                          and (cast(:department as text) is null or department_code = :department)
                        group by department_code, ward_code, service_code
                        order by 6 desc, 5 desc, 7
                        limit :limit""")
                .param("j", jurisdictionId)
                .param("department", departmentCode)
                .param("limit", limit)
                .param("now", Timestamp.from(now))
                .query((rs, n) -> new Backlog(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getInt(5),
                        rs.getInt(6),
                        rs.getTimestamp(7).toInstant()))
                .list();
    }
}
