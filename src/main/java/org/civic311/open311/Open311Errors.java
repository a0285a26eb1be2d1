package org.civic311.open311;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civic311.common.InvalidInputException;
import org.civic311.common.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * Open311 errors: a list of {@code code} and {@code description}, in the format the client asked for, with 404 for
 * what does not exist, 403 for api keys and 400 for everything else the client can fix.
 */
@RestControllerAdvice(assignableTypes = Open311Controller.class)
class Open311Errors {

    private static final Logger log = LoggerFactory.getLogger(Open311Errors.class);

    /** The error code of a report refused as an emergency. */
    static final int EMERGENCY = 911;

    private final DocumentWriter writer;

    Open311Errors(DocumentWriter writer) {
        this.writer = writer;
    }

    @ExceptionHandler
    ResponseEntity<byte[]> open311(Open311Exception e, HttpServletRequest request) {
        return error(e.status(), e.getMessage(), request, e.retryAfter());
    }

    @ExceptionHandler
    ResponseEntity<byte[]> invalid(InvalidInputException e, HttpServletRequest request) {
        return error(HttpStatus.BAD_REQUEST, Open311Names.parameter(e.field()) + " " + e.problem(), request);
    }

    /**
     * A report that describes an emergency is not filed. Its error carries the code {@value #EMERGENCY}, not 400, so
     * that an app can tell it from a form to correct and show the guidance as it is: a person to call 911.
     */
    @ExceptionHandler
    ResponseEntity<byte[]> emergency(org.civic311.requests.EmergencyException e, HttpServletRequest request) {
        return error(HttpStatus.BAD_REQUEST, EMERGENCY, e.guidance(), request, null);
    }

    @ExceptionHandler
    ResponseEntity<byte[]> notFound(NotFoundException e, HttpServletRequest request) {
        return error(HttpStatus.NOT_FOUND, e.getMessage(), request);
    }

    @ExceptionHandler
    ResponseEntity<byte[]> tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
        return error(HttpStatus.BAD_REQUEST, "media is larger than the upload limit", request);
    }

    @ExceptionHandler
    ResponseEntity<byte[]> multipart(MultipartException e, HttpServletRequest request) {
        return error(HttpStatus.BAD_REQUEST, "the multipart form could not be read", request);
    }

    @ExceptionHandler
    ResponseEntity<byte[]> contentType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return error(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "send the request as application/x-www-form-urlencoded or multipart/form-data",
                request);
    }

    @ExceptionHandler
    ResponseEntity<byte[]> unexpected(Exception e, HttpServletRequest request) {
        var unreadable = org.civic311.common.UnreadableInput.problem(e);
        if (unreadable.isPresent()) {
            return error(HttpStatus.BAD_REQUEST, unreadable.get(), request);
        }
        if (org.civic311.common.DatabaseDown.causedBy(e)) {
            return error(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    org.civic311.common.DatabaseDown.MESSAGE,
                    request,
                    org.civic311.common.DatabaseDown.RETRY_AFTER);
        }
        log.error("Open311 {} {} failed", request.getMethod(), request.getRequestURI(), e);
        return error(
                HttpStatus.INTERNAL_SERVER_ERROR,
                org.civic311.common.RequestReference.quoted(
                        "the service could not process this request; please try again later"),
                request);
    }

    private ResponseEntity<byte[]> error(HttpStatus status, String description, HttpServletRequest request) {
        return error(status, description, request, null);
    }

    private ResponseEntity<byte[]> error(
            HttpStatus status,
            String description,
            HttpServletRequest request,
            java.time.@org.jspecify.annotations.Nullable Duration retryAfter) {
        return error(status, status.value(), description, request, retryAfter);
    }

    /** The error list in the client's format; with a wait, the Retry-After header that tells it. */
    private ResponseEntity<byte[]> error(
            HttpStatus status,
            int code,
            String description,
            HttpServletRequest request,
            java.time.@org.jspecify.annotations.Nullable Duration retryAfter) {
        Format format = request.getRequestURI().endsWith(".json") ? Format.JSON : Format.XML;
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("description", description);
        var answer = ResponseEntity.status(status).contentType(format.mediaType());
        if (retryAfter != null) {
            answer.header("Retry-After", String.valueOf(retryAfter.toSeconds()));
        }
        return answer.body(writer.write(Document.list("errors", List.of(error)), format));
    }
}
