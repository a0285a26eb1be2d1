package org.civic311.notifications;

import java.util.Locale;
import java.util.Set;
import org.civic311.requests.RequestWork;
import org.springframework.stereotype.Service;

/**
 * Residents who text one of the carriers' stop words ("STOP", "ARRET", ...) hear nothing more by text message: every
 * request their number follows is unfollowed. Part of the notifications API, for the SMS channel adapter.
 */
@Service
public class OptOuts {

    /** The stop words carriers and Twilio recognise, and their French forms. */
    private static final Set<String> STOP_WORDS =
            Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "ARRET", "ARRÊT", "DESABONNER");

    private final RequestWork work;

    OptOuts(RequestWork work) {
        this.work = work;
    }

    /** The stop words Twilio itself answers and enforces; for the others, the city confirms the opt-out. */
    private static final Set<String> PROVIDER_STOP_WORDS =
            Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT");

    /** Whether the provider confirms this stop word to the resident itself. */
    public static boolean confirmedByProvider(String body) {
        return PROVIDER_STOP_WORDS.contains(word(body));
    }

    /** The words that undo a STOP. Not "YES" in general: residents answer agents with it ({@link #isYes}). */
    private static final Set<String> START_WORDS = Set.of("START", "UNSTOP");

    /** Whether a text message is nothing but a stop word, as carriers read it: one word, any case. */
    public static boolean isStopWord(String body) {
        return STOP_WORDS.contains(word(body));
    }

    public static boolean isStartWord(String body) {
        return START_WORDS.contains(word(body));
    }

    /** "YES", which Twilio takes for a START from a number that texted STOP. */
    public static boolean isYes(String body) {
        return word(body).equals("YES");
    }

    private static String word(String body) {
        return body.strip().replaceAll("[.!]+$", "").toUpperCase(Locale.ROOT);
    }

    /** The number may be texted again. */
    public void startTextMessages(String phone) {
        work.startTextMessages(phone);
    }

    /** Whether the number texted STOP, and not START since. */
    public boolean stopped(String phone) {
        return work.textMessagesStopped(phone);
    }

    /** Stops every text message to the number; the number of requests it no longer follows. */
    public int stopTextMessages(String phone) {
        return work.stopTextMessages(phone);
    }
}
