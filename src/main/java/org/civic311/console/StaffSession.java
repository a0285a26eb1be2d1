package org.civic311.console;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * How long a staff session lasts without a request, for the pages to warn two minutes before it ends (WCAG 2.2.1): a
 * note typed slowly, or with a switch or a screen reader, is not lost to a sign-in page. "Stay signed in" asks here,
 * which is a request and so keeps the session.
 */
@Controller("staffSession")
class StaffSession {

    private final Duration timeout;

    StaffSession(@Value("${spring.session.timeout:${server.servlet.session.timeout:30m}}") Duration timeout) {
        this.timeout = timeout;
    }

    /** The seconds a session lasts unused, which the staff pages read from their head. */
    public long seconds() {
        return timeout.toSeconds();
    }

    @GetMapping("/staff/session")
    ResponseEntity<Void> keep() {
        return ResponseEntity.noContent().build();
    }
}
