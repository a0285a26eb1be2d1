package org.civic311.conversations;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * X's Account Activity webhook: answers the CRC challenge, checks the signature of every delivery, and takes in the
 * mentions ({@code tweet_create_events}) and direct messages ({@code direct_message_events}) addressed to the city's
 * account, with their photos.
 */
@RestController
class XWebhook {

    private static final Logger log = LoggerFactory.getLogger(XWebhook.class);
    private static final DateTimeFormatter CREATED_AT =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ENGLISH);

    private final Inbox inbox;
    private final PhotoFetcher photos;
    private final PhotoRetries retries;
    private final InboxProperties properties;
    private final JsonMapper json;

    XWebhook(Inbox inbox, PhotoFetcher photos, PhotoRetries retries, InboxProperties properties, JsonMapper json) {
        this.retries = retries;
        this.inbox = inbox;
        this.photos = photos;
        this.properties = properties;
        this.json = json;
    }

    private static final java.util.regex.Pattern CRC_TOKEN = java.util.regex.Pattern.compile("[A-Za-z0-9+/=_-]{1,255}");

    /** The challenge-response check X makes when the webhook is registered, and hourly after. */
    @GetMapping("/webhooks/x")
    ResponseEntity<Map<String, String>> challenge(@RequestParam(name = "crc_token", required = false) String token) {
        String secret = properties.x().consumerSecret();
        if (secret == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "the X channel is not set up"));
        }
        if (token == null || token.isBlank()) {
            return ResponseEntity.badRequest().body(Map.of("error", "crc_token is required"));
        }
        // The answer is signed with the key that signs deliveries: a token that could be a delivery's body (JSON)
        // would have the challenge forge one. X's tokens are a few dozen letters, digits and base64's signs.
        if (!CRC_TOKEN.matcher(token).matches()) {
            return ResponseEntity.badRequest()
                    .body(Map.of("error", "crc_token must be at most 255 letters, digits and + / = _ -"));
        }
        return ResponseEntity.ok(
                Map.of("response_token", Signatures.x(secret, token.getBytes(StandardCharsets.UTF_8))));
    }

    @PostMapping("/webhooks/x")
    ResponseEntity<Map<String, Object>> deliver(
            @RequestHeader(name = "x-twitter-webhooks-signature", required = false) @Nullable String signature,
            @RequestBody(required = false) byte @Nullable [] body) {
        String secret = properties.x().consumerSecret();
        if (secret == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "the X channel is not set up"));
        }
        byte[] payload = body == null ? new byte[0] : body;
        if (signature == null || !Signatures.same(Signatures.x(secret, payload), signature)) {
            log.warn("Refused an X webhook delivery with {} signature", signature == null ? "no" : "a wrong");
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "the signature is not right"));
        }
        JsonNode events;
        try {
            events = json.readTree(payload);
        } catch (JacksonException e) {
            return ResponseEntity.badRequest().body(Map.of("error", "the body is not JSON"));
        }
        int received = 0;
        for (Delivered message : read(events)) {
            List<byte[]> attached = new ArrayList<>();
            List<String> later = new ArrayList<>();
            int missing = message.notKept();
            for (String url : message.photoUrls()) {
                PhotoFetcher.Attempt attempt = photos.attempt(url, null);
                if (attempt.photo() != null) {
                    attached.add(attempt.photo());
                } else {
                    missing++;
                    if (attempt.worthRetrying()) {
                        later.add(url);
                    }
                }
            }
            Inbox.Received stored = inbox.receive(new IncomingMessage(
                    null,
                    ConversationChannel.X,
                    message.id(),
                    message.thread(),
                    message.inReplyTo(),
                    message.author(),
                    message.authorName(),
                    null,
                    message.text(),
                    message.at(),
                    attached,
                    message.visibility(),
                    missing));
            retries.schedule(stored, ConversationChannel.X, later);
            received++;
        }
        return ResponseEntity.ok(Map.of("received", received));
    }

    /** A message read from a delivery, its photos not fetched yet. */
    record Delivered(
            String id,
            String thread,
            @Nullable String inReplyTo,
            String author,
            @Nullable String authorName,
            String text,
            Instant at,
            List<String> photoUrls,
            @Nullable String visibility,
            int notKept) {}

    /**
     * The residents' messages in a delivery: mentions and replies, and direct messages. The city's own posts and
     * retweets are left out, and so is anything without an id. Reading fetches nothing, so it can be checked alone.
     */
    static List<Delivered> read(JsonNode events) {
        String account = events.path("for_user_id").asString("");
        List<Delivered> messages = new ArrayList<>();
        for (JsonNode tweet : events.path("tweet_create_events")) {
            JsonNode user = tweet.path("user");
            if (user.path("id_str").asString("").equals(account) || tweet.has("retweeted_status")) {
                continue; // the city's own posts and retweets are not messages to it
            }
            String id = tweet.path("id_str").asString("").strip();
            if (id.isEmpty()) {
                continue;
            }
            // X escapes &, < and > in a post's text as HTML would.
            String text = org.springframework.web.util.HtmlUtils.htmlUnescape(tweet.path("extended_tweet")
                    .path("full_text")
                    .asString(tweet.path("text").asString("")));
            JsonNode media =
                    tweet.path("extended_tweet").path("extended_entities").path("media");
            if (media.isMissingNode()) {
                media = tweet.path("extended_entities").path("media");
            }
            List<String> urls = new ArrayList<>();
            int videos = 0;
            for (JsonNode item : media) {
                if ("photo".equals(item.path("type").asString(""))) {
                    urls.add(item.path("media_url_https").asString(""));
                } else {
                    videos++; // a video or a GIF: not kept, but the agent is told it was sent
                }
            }
            messages.add(new Delivered(
                    id,
                    id,
                    tweet.path("in_reply_to_status_id_str").asString(null),
                    nonBlank(user.path("screen_name").asString(""), "unknown"),
                    user.path("name").asString(null),
                    text,
                    createdAt(tweet.path("created_at").asString(null)),
                    urls,
                    null,
                    videos));
        }
        for (JsonNode event : events.path("direct_message_events")) {
            if (!"message_create".equals(event.path("type").asString(""))) {
                continue;
            }
            JsonNode create = event.path("message_create");
            String sender = create.path("sender_id").asString("").strip();
            String id = event.path("id").asString("").strip();
            if (sender.isEmpty() || sender.equals(account) || id.isEmpty()) {
                continue; // without its id a message could not be told from the next one
            }
            JsonNode data = create.path("message_data");
            JsonNode sentBy = events.path("users").path(sender);
            JsonNode photo = data.path("attachment").path("media");
            boolean isPhoto =
                    !photo.isMissingNode() && "photo".equals(photo.path("type").asString("photo"));
            long millis = event.path("created_timestamp").asLong(System.currentTimeMillis());
            messages.add(new Delivered(
                    "dm:" + id,
                    "dm:" + sender,
                    null,
                    nonBlank(sentBy.path("screen_name").asString(""), sender),
                    sentBy.path("name").asString(null),
                    data.path("text").asString(""),
                    Instant.ofEpochMilli(millis),
                    isPhoto ? List.of(photo.path("media_url_https").asString("")) : List.of(),
                    "direct",
                    photo.isMissingNode() || isPhoto ? 0 : 1));
        }
        return messages;
    }

    private static String nonBlank(String value, String otherwise) {
        return value.isBlank() ? otherwise : value;
    }

    private static Instant createdAt(@Nullable String value) {
        if (value == null) {
            return Instant.now();
        }
        try {
            return ZonedDateTime.parse(value, CREATED_AT).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }
}
