package org.civic311.conversations;

import com.code_intelligence.jazzer.junit.FuzzTest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Coverage-guided fuzzing of how an X webhook delivery is read (mentions, replies, direct messages, photos): any
 * body ends in messages for the inbox or in "not JSON", which the webhook answers with 400; never in another
 * exception.
 */
class XDeliveryFuzzTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @FuzzTest(maxDuration = "10s")
    void anyDeliveryIsReadOrRefusedNeverACrash(byte[] body) {
        JsonNode events;
        try {
            events = JSON.readTree(body);
        } catch (JacksonException notJson) {
            return;
        }
        for (XWebhook.Delivered message : XWebhook.read(events)) {
            if (message.id().isBlank() || message.author().isBlank()) {
                throw new AssertionError("a message the inbox takes names itself and its author: " + message);
            }
        }
    }
}
