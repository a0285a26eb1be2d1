package org.civic311.console;

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

    /** The seconds a session lasts unused (the session store's own setting), which the staff pages read. */
    public long seconds() {
        return org.civic311.staff.StaffSessions.UNUSED_SECONDS;
    }

    @GetMapping("/staff/session")
    ResponseEntity<Void> keep() {
        return ResponseEntity.noContent().build();
    }
}
