package org.civic311.conversations;

import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.time.Instant;
import java.util.Properties;

/**
 * Coverage-guided fuzzing of how a resident's email is read (headers, threads, multipart bodies, HTML, images): any
 * bytes end in a message for the inbox, in "no sender to answer", or in a MessagingException, which the SMTP
 * endpoint refuses politely; never in another exception.
 */
class EmailReadingFuzzTests {

    private static final Session SESSION = Session.getInstance(new Properties());

    @FuzzTest(maxDuration = "10s")
    void anyMailIsReadOrRefusedNeverACrash(byte[] mail) {
        try {
            IncomingMessage read = EmailPoller.read(EmailPoller.parse(SESSION, mail), Instant.EPOCH);
            if (read != null && (read.author().isBlank() || read.externalId().isBlank())) {
                throw new AssertionError("a message the inbox takes names its author and itself");
            }
        } catch (MessagingException refused) {
            // The endpoint answers these with an SMTP refusal.
        }
    }
}
