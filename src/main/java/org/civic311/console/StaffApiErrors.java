package org.civic311.console;

import java.util.LinkedHashMap;
import java.util.Map;
import org.civic311.common.InvalidInputException;
import org.civic311.common.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** The staff API's errors: a JSON object naming the status, the field at fault and what is wrong. */
@RestControllerAdvice(
        assignableTypes = {
            StaffApiController.class,
            KnowledgeApiController.class,
            InquiryApiController.class,
            PrivacyApiController.class
        })
class StaffApiErrors {

    private static final Logger log = LoggerFactory.getLogger(StaffApiErrors.class);

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> invalid(InvalidInputException e) {
        return error(HttpStatus.BAD_REQUEST, e.field(), e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> notFound(NotFoundException e) {
        return error(HttpStatus.NOT_FOUND, null, e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> denied(AccessDeniedException e) {
        return error(HttpStatus.FORBIDDEN, null, e.getMessage());
    }

    /** A body that is not JSON, or a field of the wrong kind ({@code "isPublic": "yes"}), named where it can be. */
    @ExceptionHandler
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        String field = e.getCause() instanceof tools.jackson.core.JacksonException json
                ? json.getPath().stream()
                        .map(tools.jackson.core.JacksonException.Reference::getPropertyName)
                        .filter(java.util.Objects::nonNull)
                        .reduce((outer, inner) -> outer + "." + inner)
                        .orElse(null)
                : null;
        return field == null
                ? error(HttpStatus.BAD_REQUEST, null, "the body is not the JSON this call takes")
                : error(HttpStatus.BAD_REQUEST, field, field + " is not of the kind this call takes");
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> mismatch(MethodArgumentTypeMismatchException e) {
        return error(HttpStatus.BAD_REQUEST, e.getName(), e.getName() + " has the wrong form");
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> mediaType(org.springframework.web.HttpMediaTypeNotSupportedException e) {
        return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, null, "send the body as application/json");
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> method(org.springframework.web.HttpRequestMethodNotSupportedException e) {
        return error(HttpStatus.METHOD_NOT_ALLOWED, null, e.getMethod() + " is not allowed here");
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> missing(
            org.springframework.web.bind.MissingServletRequestParameterException e) {
        return error(HttpStatus.BAD_REQUEST, e.getParameterName(), e.getParameterName() + " is required");
    }

    /** A photo over the upload limit, read as the call's parameters are: not a fault of the server's. */
    @ExceptionHandler
    ResponseEntity<Map<String, Object>> tooLarge(org.springframework.web.multipart.MaxUploadSizeExceededException e) {
        return error(HttpStatus.valueOf(413), "photo", "photo is larger than the upload limit");
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> multipart(org.springframework.web.multipart.MultipartException e) {
        return error(HttpStatus.BAD_REQUEST, "photo", "the multipart form could not be read");
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> unexpected(Exception e) {
        var unreadable = org.civic311.common.UnreadableInput.problem(e);
        if (unreadable.isPresent()) {
            return error(HttpStatus.BAD_REQUEST, null, unreadable.get());
        }
        if (org.civic311.common.DatabaseDown.causedBy(e)) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header("Retry-After", String.valueOf(org.civic311.common.DatabaseDown.RETRY_AFTER.toSeconds()))
                    .body(Map.of("status", 503, "error", org.civic311.common.DatabaseDown.MESSAGE));
        }
        log.error("Staff API call failed", e);
        return error(
                HttpStatus.INTERNAL_SERVER_ERROR,
                null,
                org.civic311.common.RequestReference.quoted("the call could not be completed; please try again"));
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String field, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.value());
        if (field != null) {
            body.put("field", field);
        }
        body.put("error", message);
        return ResponseEntity.status(status).body(body);
    }
}
