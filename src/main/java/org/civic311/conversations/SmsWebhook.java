package org.civic311.conversations;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.civic311.notifications.OptOuts;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's inbound SMS and MMS webhook: a form post signed with the account's auth token ({@code X-Twilio-Signature}).
 * MMS photos are fetched from Twilio with the account's credentials. Answers with an empty TwiML response: replies
 * go out through the outbox, not in the webhook's answer.
 */
@RestController
class SmsWebhook {

    private static final Logger log = LoggerFactory.getLogger(SmsWebhook.class);
    static final int MAX_MEDIA = 10;

    private final Inbox inbox;
    private final PhotoFetcher photos;
    private final PhotoRetries retries;
    private final InboxProperties properties;
    private final java.time.Clock clock;
    private final OptOuts optOuts;

    SmsWebhook(
            Inbox inbox,
            PhotoFetcher photos,
            PhotoRetries retries,
            InboxProperties properties,
            java.time.Clock clock,
            OptOuts optOuts) {
        this.retries = retries;
        this.inbox = inbox;
        this.optOuts = optOuts;
        this.photos = photos;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping(value = "/webhooks/sms", produces = MediaType.APPLICATION_XML_VALUE)
    ResponseEntity<String> receive(
            @RequestParam MultiValueMap<String, String> form,
            @RequestHeader(name = "X-Twilio-Signature", required = false) @Nullable String signature,
            HttpServletRequest request) {
        String token = properties.sms().authToken();
        if (token == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body("<Response/>");
        }
        Map<String, String> parameters;
        try {
            parameters = signedParameters(form, request.getQueryString());
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body("<Response><!-- the query string is malformed --></Response>");
        }
        String url = request.getRequestURL().toString()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        if (signature == null || !Signatures.same(Signatures.twilio(token, url, parameters), signature)) {
            log.warn("Refused an SMS webhook delivery with {} signature", signature == null ? "no" : "a wrong");
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body("<Response/>");
        }
        String sid = parameters.get("MessageSid");
        String from = parameters.get("From");
        if (sid == null || sid.isBlank() || from == null || from.isBlank()) {
            return ResponseEntity.badRequest().body("<Response><!-- MessageSid and From are required --></Response>");
        }
        String body = parameters.getOrDefault("Body", "");
        if (OptOuts.isStopWord(body)) {
            // Not a message for an agent. The provider confirms its own stop words; the French ones, the city.
            int stopped = optOuts.stopTextMessages(from);
            log.info("An SMS opt-out stopped updates on {} requests", stopped);
            return ResponseEntity.ok("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>"
                    + (OptOuts.confirmedByProvider(body)
                            ? ""
                            : "<Message>Ville 311 : vous ne recevrez plus de textos de notre part. Textez START pour"
                                    + " recommencer.</Message>")
                    + "</Response>");
        }
        // Twilio takes YES as a START too, and delivers again: so does the city. From a number not stopped, YES is an
        // answer to an agent.
        if (OptOuts.isStartWord(body) || (OptOuts.isYes(body) && optOuts.stopped(from))) {
            optOuts.startTextMessages(from);
            return ResponseEntity.ok("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>");
        }
        int count;
        try {
            count = Math.min(MAX_MEDIA, Integer.parseInt(parameters.getOrDefault("NumMedia", "0")));
        } catch (NumberFormatException e) {
            return ResponseEntity.badRequest().body("<Response><!-- NumMedia is not a number --></Response>");
        }
        List<byte[]> attached = new ArrayList<>();
        int[] missing = {0};
        List<String> later = new ArrayList<>();
        String credentials = properties.sms().authorization();
        for (int i = 0; i < count; i++) {
            String type = parameters.getOrDefault("MediaContentType" + i, "");
            String mediaUrl = parameters.get("MediaUrl" + i);
            if (mediaUrl != null && type.startsWith("image/")) {
                PhotoFetcher.Attempt attempt = photos.attempt(mediaUrl, credentials);
                if (attempt.photo() != null) {
                    attached.add(attempt.photo());
                } else {
                    missing[0]++;
                    if (attempt.worthRetrying()) {
                        later.add(mediaUrl);
                    }
                }
            } else if (mediaUrl != null) {
                missing[0]++; // a video or a contact card: not kept, but the agent is told it was sent
            }
        }
        Inbox.Received received = inbox.receive(new IncomingMessage(
                null,
                ConversationChannel.SMS,
                sid,
                from,
                null,
                from,
                null,
                null,
                parameters.getOrDefault("Body", ""),
                clock.instant(),
                attached,
                null,
                missing[0]));
        retries.schedule(received, ConversationChannel.SMS, later);
        return ResponseEntity.ok("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>");
    }

    /**
     * The parameters Twilio signed: the form's, less those that came in the webhook URL's query (they are part of the
     * signed URL instead); the first value of each.
     *
     * @throws IllegalArgumentException when the query string is malformed
     */
    static Map<String, String> signedParameters(Map<String, List<String>> form, @Nullable String queryString) {
        Map<String, List<String>> body = new HashMap<>();
        form.forEach((name, values) -> {
            if (!values.isEmpty()) {
                body.put(name, new ArrayList<>(values));
            }
        });
        if (queryString != null) {
            if (!queryString.matches("[A-Za-z0-9._~%+=&-]*") || queryString.matches(".*%(?![0-9A-Fa-f]{2}).*")) {
                throw new IllegalArgumentException("the query string is malformed");
            }
            for (String pair : queryString.split("&")) {
                String[] kv = pair.split("=", 2);
                String name = java.net.URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
                String value = kv.length > 1 ? java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
                List<String> values = body.get(name);
                if (values != null) {
                    values.remove(value);
                    if (values.isEmpty()) {
                        body.remove(name);
                    }
                }
            }
        }
        Map<String, String> parameters = new HashMap<>();
        body.forEach((name, values) -> parameters.put(name, values.getFirst()));
        return parameters;
    }
}
