package org.civic311.notifications;

import java.io.IOException;

/**
 * A provider's refusal that trying again will not change: a 4xx answer other than a time-out or "too many", such as
 * Twilio's unsubscribed number or X's deleted post.
 */
class Undeliverable extends IOException {

    Undeliverable(String message) {
        super(message);
    }

    /** Whether an HTTP status says the same message will never be taken. */
    static boolean permanent(int status) {
        return status / 100 == 4 && status != 408 && status != 429;
    }
}
