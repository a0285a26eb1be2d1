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
        if (status == 400 && body.contains("twilio.com/docs/errors")) {
            return twilioRecipientError(body);
        }
        return permanent(status)
                || (status == 403 && body.toLowerCase(java.util.Locale.ROOT).contains("duplicate"));
    }

    /**
     * Twilio's 400s that are about the resident's number or the message itself: an invalid or unsubscribed number,
     * one that cannot take texts, a body too long. Its other 400s are the city's to put right (a sending number that
     * is not the account's, a region not enabled, a full queue in a storm): those texts wait and go once it is.
     */
    private static final java.util.Set<String> TWILIO_RECIPIENT_ERRORS =
            java.util.Set.of("21211", "21214", "21602", "21610", "21612", "21614", "21617");

    private static final java.util.regex.Pattern TWILIO_CODE =
            java.util.regex.Pattern.compile("\"code\"\\s*:\\s*(\\d{5})");

    private static boolean twilioRecipientError(String body) {
        java.util.regex.Matcher code = TWILIO_CODE.matcher(body);
        return code.find() && TWILIO_RECIPIENT_ERRORS.contains(code.group(1));
    }
}
