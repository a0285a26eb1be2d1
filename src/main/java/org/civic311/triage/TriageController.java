package org.civic311.triage;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.civic311.common.InvalidInputException;
import org.civic311.common.NotFoundException;
import org.civic311.common.RateLimit;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/triage}: public (the residents' portal uses it), revealing nothing private, and limited per
 * client so nobody can use it as a free classification service.
 */
@RestController
class TriageController {

    private final Triage triage;
    private final TriageProperties properties;
    private final RateLimit limit;

    TriageController(Triage triage, TriageProperties properties) {
        this.triage = triage;
        this.properties = properties;
        this.limit = RateLimit.perMinute(properties.requestsPerMinute());
    }

    /** The text, the channel it came in, and the jurisdiction (optional when only one is served). */
    record Request(@Nullable String text, @Nullable String channel, @Nullable String jurisdiction) {}

    @PostMapping("/api/v1/triage")
    ResponseEntity<?> triage(@RequestBody Request request, HttpServletRequest http) {
        var wait = limit.take(RateLimit.clientOf(http.getRemoteAddr()));
        if (wait.isPresent()) {
            long seconds = wait.get().toSeconds();
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header("Retry-After", String.valueOf(seconds))
                    .body(error(
                            HttpStatus.TOO_MANY_REQUESTS,
                            null,
                            "too many triage calls; try again in " + seconds + " s"));
        }
        return ResponseEntity.ok(
                triage.assessForResidents(request.text() == null ? "" : request.text(), request.jurisdiction()));
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> invalid(InvalidInputException e) {
        return ResponseEntity.badRequest().body(error(HttpStatus.BAD_REQUEST, e.field(), e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> notFound(NotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(error(HttpStatus.NOT_FOUND, null, e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest()
                .body(error(HttpStatus.BAD_REQUEST, null, "send {\"text\": \"...\"} as JSON"));
    }

    private static Map<String, Object> error(HttpStatus status, @Nullable String field, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.value());
        if (field != null) {
            body.put("field", field);
        }
        body.put("error", message);
        return body;
    }
}
