package org.civic311.notifications;

import java.io.IOException;

/**
 * A provider's refusal of the message itself, which trying again will not change: 400, 410 or 422, such as Twilio's
 * unsubscribed or invalid number. 401, 403 and 404 are not: they also answer credentials rotated or an account set
 * up wrong, which an administrator puts right, and then the messages waiting go out (a post deleted meanwhile is
 * given up on after the outbox's attempts).
 */
class Undeliverable extends IOException {

    Undeliverable(String message) {
        super(message);
    }

    /** Whether an HTTP status says the same message will never be taken. */
    static boolean permanent(int status) {
        return status == 400 || status == 410 || status == 422;
    }

    /**
     * The same, reading the answer too: X refuses a post that repeats an earlier one with 403, which sending it again
     * cannot change, unlike its other 403s.
     */
    static boolean permanent(int status, String body) {
        return permanent(status)
                || (status == 403 && body.toLowerCase(java.util.Locale.ROOT).contains("duplicate"));
    }
}
