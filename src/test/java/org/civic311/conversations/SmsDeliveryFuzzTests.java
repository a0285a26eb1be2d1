package org.civic311.conversations;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzzing of how the SMS webhook tells the parameters Twilio signed from those of its own URL: any
 * form and query string end in the parameters to check, or in a malformed query, which the webhook answers with 400;
 * never in another exception.
 */
class SmsDeliveryFuzzTests {

    private static final List<String> NAMES =
            List.of("MessageSid", "AccountSid", "From", "To", "Body", "NumMedia", "MediaUrl0", "MediaContentType0");

    @FuzzTest(maxDuration = "10s")
    void anyFormAndQueryAreSeparatedOrRefusedNeverACrash(FuzzedDataProvider data) {
        Map<String, List<String>> form = new HashMap<>();
        int fields = data.consumeInt(0, 8);
        for (int i = 0; i < fields; i++) {
            String name = data.consumeBoolean() ? data.pickValue(NAMES) : data.consumeString(20);
            form.put(
                    name,
                    data.consumeBoolean()
                            ? List.of(data.consumeString(40))
                            : List.of(data.consumeString(20), data.consumeString(20)));
        }
        String query = data.consumeBoolean() ? null : data.consumeRemainingAsString();
        try {
            Map<String, String> signed = SmsWebhook.signedParameters(form, query);
            for (String name : signed.keySet()) {
                if (!form.containsKey(name)) {
                    throw new AssertionError("signed a parameter the form did not have: " + name);
                }
            }
        } catch (IllegalArgumentException malformed) {
            // answered with 400
        }
    }
}
