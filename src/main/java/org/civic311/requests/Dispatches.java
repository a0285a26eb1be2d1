package org.civic311.requests;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.civic311.catalog.Dispatch;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends requests whose route leads out of Civic311: by email to a department's address, or to another system's
 * Open311 endpoint (Civic311 as an Open311 client). Each attempt is recorded; failures are retried with a growing
 * delay, and an Open311 endpoint's identifier for the request is kept.
 */
@Component
class Dispatches {

    private static final Logger log = LoggerFactory.getLogger(Dispatches.class);
    private static final Pattern REQUEST_ID =
            Pattern.compile("\"(service_request_id|token)\"\\s*:\\s*\"?([^\",}\\]]+)");
    private static final Pattern OPEN311_ERROR =
            Pattern.compile("^\\s*\\[\\s*\\{[^{}]*\"description\"\\s*:\\s*\"([^\"\\\\]{1,200})\"");
    private static final Duration MAX_DELAY = Duration.ofHours(1);

    /** Dispatches sent in one run; the rest wait for the next, a few seconds later. */
    private static final int BATCH = 20;

    /** Longer than any send can take (a 10 s connect and a 30 s answer, or a mail server's time-outs). */
    private static final Duration LEASE = Duration.ofMinutes(5);

    private final JdbcClient jdbc;
    private final RequestRepository requests;
    private final ObjectProvider<JavaMailSender> mail;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    Dispatches(
            JdbcClient jdbc,
            RequestRepository requests,
            ObjectProvider<JavaMailSender> mail,
            TransactionTemplate transaction,
            Clock clock) {
        this.jdbc = jdbc;
        this.requests = requests;
        this.mail = mail;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * Sends the request to its target from now on: a request re-typed to a type sent elsewhere goes to the new target,
     * whatever was sent or was still to be sent to the old one.
     */
    void schedule(long requestId, Dispatch dispatch, Instant now) {
        var insert = jdbc.sql(
                        """
                        insert into request_dispatch (request_id, method, target, api_key, external_code, next_attempt_at)
                        values (:id, :method, :target, :apiKey, :code, :at)
                        on conflict (request_id) do update set method = excluded.method, target = excluded.target,
                            api_key = excluded.api_key, external_code = excluded.external_code,
                            next_attempt_at = excluded.next_attempt_at, attempts = 0, last_error = null,
                            external_id = null, delivered_at = null, refused_at = null, locked_until = null""")
                .param("id", requestId)
                .param("at", Timestamp.from(now));
        switch (dispatch) {
            case Dispatch.Email email ->
                insert.param("method", "EMAIL")
                        .param("target", email.address())
                        .param("apiKey", null)
                        .param("code", null)
                        .update();
            case Dispatch.Open311 open311 ->
                insert.param("method", "OPEN311")
                        .param("target", open311.endpoint())
                        .param("apiKey", open311.apiKey())
                        .param("code", open311.serviceCode())
                        .update();
            case Dispatch.Queue queue -> throw new IllegalArgumentException("a queued request is not dispatched");
        }
    }

    /** A dispatch not yet delivered is not sent: the request went to a queue of the city's own, or was closed. */
    void cancel(long requestId, String why, Instant now) {
        jdbc.sql(
                        """
                        update request_dispatch set refused_at = :at, last_error = :why, locked_until = null
                        where request_id = :id and delivered_at is null and refused_at is null""")
                .param("at", Timestamp.from(now))
                .param("why", why)
                .param("id", requestId)
                .update();
    }

    @Nullable
    DispatchState state(long requestId) {
        return jdbc.sql(
                        """
                        select method, target, external_id, attempts, next_attempt_at, last_error, delivered_at,
                            refused_at
                        from request_dispatch where request_id = :id""")
                .param("id", requestId)
                .query((rs, n) -> new DispatchState(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getInt(4),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant(),
                        rs.getString(6),
                        rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant(),
                        rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant()))
                .optional()
                .orElse(null);
    }

    /** Sends what is due; several instances can run this at once, each takes different rows. Returns how many went. */
    @Scheduled(fixedDelayString = "${civic311.jobs.dispatch-interval:PT15S}", initialDelayString = "PT10S")
    void scheduled() {
        sendDue();
    }

    /**
     * Sends what is due, one dispatch at a time: each is leased and committed before it is sent, and its outcome
     * committed right after, so that an instance dying mid-batch loses nothing it sent and sends nothing twice (a
     * dispatch it held goes again once its lease ends). Returns how many went.
     */
    int sendDue() {
        int delivered = 0;
        for (int i = 0; i < BATCH; i++) {
            Instant now = clock.instant();
            Instant lease = now.plus(LEASE);
            Map<String, Object> row = transaction.execute(status -> claim(now, lease));
            if (row == null) {
                break;
            }
            if (deliver(row, now, lease)) {
                delivered++;
            }
        }
        return delivered;
    }

    private @Nullable Map<String, Object> claim(Instant now, Instant lease) {
        return jdbc
                .sql(
                        """
                        update request_dispatch set locked_until = :lease
                        where request_id = (
                            select request_id from request_dispatch
                            where delivered_at is null and refused_at is null and next_attempt_at <= :now
                              and (locked_until is null or locked_until <= :now)
                              -- Closed before it was sent (a duplicate, not the city's): nobody is to act on it.
                              and not exists (select 1 from service_request s
                                              where s.id = request_dispatch.request_id and s.closed)
                            order by next_attempt_at, request_id limit 1 for update skip locked)
                        returning request_id, method, target, api_key, external_code, attempts""")
                .param("now", Timestamp.from(now))
                .param("lease", Timestamp.from(lease))
                .query()
                .listOfRows()
                .stream()
                .findFirst()
                .orElse(null);
    }

    private boolean deliver(Map<String, Object> row, Instant now, Instant lease) {
        long requestId = ((Number) row.get("request_id")).longValue();
        int attempts = ((Number) row.get("attempts")).intValue() + 1;
        try {
            String externalId = send(requestId, row);
            int recorded = jdbc.sql(
                            """
                            update request_dispatch set attempts = :attempts, delivered_at = :now, locked_until = null,
                                external_id = :external, last_error = null
                            where request_id = :id and locked_until = :lease""")
                    .param("attempts", attempts)
                    .param("now", Timestamp.from(clock.instant()))
                    .param("external", externalId)
                    .param("id", requestId)
                    .param("lease", Timestamp.from(lease))
                    .update();
            if (recorded == 0) {
                log.warn("Dispatch of request {} was sent after its lease of {} ended", requestId, LEASE);
            }
            return true;
        } catch (Refused e) {
            // Sent again, it would be refused again: the department works it here, told why.
            log.warn("Dispatch of request {} refused (attempt {}): {}", requestId, attempts, e.getMessage());
            Instant at = clock.instant();
            int marked = jdbc.sql(
                            """
                            update request_dispatch set attempts = :attempts, refused_at = :now, locked_until = null,
                                last_error = :error
                            where request_id = :id and locked_until = :lease""")
                    .param("attempts", attempts)
                    .param("now", Timestamp.from(at))
                    .param("error", e.getMessage())
                    .param("id", requestId)
                    .param("lease", Timestamp.from(lease))
                    .update();
            if (marked > 0) {
                String said = row.get("target") + " refused it (" + e.getMessage() + "): it is not sent again."
                        + " Work it in this queue, or correct the routing rule and file it anew.";
                jdbc.sql(
                                """
                                insert into request_audit (request_id, at, actor, channel, action, detail)
                                values (:id, :at, 'system', 'dispatch', 'dispatch refused', :detail)""")
                        .param("id", requestId)
                        .param("at", Timestamp.from(at))
                        .param("detail", said)
                        .update();
                jdbc.sql(
                                """
                                insert into request_note (request_id, noted_at, public, kind, text, author)
                                values (:id, :at, false, 'internal', :text, 'system')""")
                        .param("id", requestId)
                        .param("at", Timestamp.from(at))
                        .param("text", said)
                        .update();
            }
            return false;
        } catch (RuntimeException | IOException e) {
            Duration delay = backoff(attempts);
            log.warn(
                    "Dispatch of request {} failed (attempt {}), retrying in {}: {}",
                    requestId,
                    attempts,
                    delay,
                    e.getMessage());
            jdbc.sql(
                            """
                            update request_dispatch set attempts = :attempts, next_attempt_at = :next,
                                locked_until = null, last_error = :error
                            where request_id = :id and locked_until = :lease""")
                    .param("attempts", attempts)
                    .param("next", Timestamp.from(now.plus(delay)))
                    .param("error", String.valueOf(e.getMessage()))
                    .param("id", requestId)
                    .param("lease", Timestamp.from(lease))
                    .update();
            return false;
        }
    }

    /** The other system refused this request itself: sending it again would be refused again. */
    static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    static Duration backoff(int attempts) {
        Duration delay = Duration.ofSeconds(30).multipliedBy(1L << Math.min(attempts - 1, 10));
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    private @Nullable String send(long requestId, Map<String, Object> row) throws IOException {
        ServiceRequest request = requests.byIds(List.of(requestId)).getFirst();
        String target = (String) row.get("target");
        return switch ((String) row.get("method")) {
            case "EMAIL" -> {
                JavaMailSender sender = mail.getIfAvailable();
                if (sender == null) {
                    throw new IllegalStateException("mail is not configured (spring.mail.host)");
                }
                SimpleMailMessage message = new SimpleMailMessage();
                message.setTo(target);
                message.setSubject("Service request " + request.publicId() + ": " + request.serviceName());
                message.setText(summary(request));
                sender.send(message);
                yield null;
            }
            case "OPEN311" ->
                postOpen311(target, (String) row.get("api_key"), (String) row.get("external_code"), request);
            default -> throw new IllegalStateException("unknown dispatch method " + row.get("method"));
        };
    }

    private String postOpen311(String endpoint, @Nullable String apiKey, String serviceCode, ServiceRequest request)
            throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        if (apiKey != null && !apiKey.isBlank()) {
            form.put("api_key", apiKey);
        }
        form.put("service_code", serviceCode);
        Location location = request.location();
        if (location.hasPoint()) {
            form.put("lat", String.valueOf(location.latitude()));
            form.put("long", String.valueOf(location.longitude()));
        }
        if (location.address() != null) {
            form.put("address_string", location.address());
        }
        if (request.description() != null) {
            form.put("description", request.description());
        }
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest post = HttpRequest.newBuilder(URI.create(endpoint.replaceAll("/+$", "") + "/requests.json"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(post, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            // Only an Open311 error's description: the address is an administrator's to choose, and whatever else a
            // server there answered would be read out on staff's pages.
            Matcher error = OPEN311_ERROR.matcher(response.body());
            String said = "endpoint answered " + response.statusCode()
                    + (error.find() ? ": " + error.group(1).strip() : "");
            // A client error is this request's (an unknown code, a refused key): only a timeout or a limit passes.
            int status = response.statusCode();
            if (status >= 400 && status < 500 && status != 408 && status != 425 && status != 429) {
                throw new Refused(said);
            }
            throw new IOException(said);
        }
        Matcher id = REQUEST_ID.matcher(response.body());
        if (!id.find()) {
            throw new IOException("endpoint gave neither service_request_id nor token");
        }
        return id.group(2).strip();
    }

    private static String summary(ServiceRequest request) {
        Location location = request.location();
        StringBuilder text = new StringBuilder()
                .append("Service request ")
                .append(request.publicId())
                .append('\n')
                .append("Type: ")
                .append(request.serviceName())
                .append(" (")
                .append(request.serviceCode())
                .append(")\n")
                .append("Requested: ")
                .append(request.requestedAt())
                .append('\n')
                .append("Due: ")
                .append(request.expectedAt())
                .append('\n');
        if (location.address() != null) {
            text.append("Address: ").append(location.address()).append('\n');
        }
        if (location.hasPoint()) {
            text.append("Location: ")
                    .append(location.latitude())
                    .append(", ")
                    .append(location.longitude())
                    .append('\n');
        }
        if (request.description() != null) {
            text.append('\n').append(request.description()).append('\n');
        }
        return text.toString();
    }
}
