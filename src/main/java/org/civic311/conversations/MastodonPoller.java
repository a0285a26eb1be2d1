package org.civic311.conversations;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads mentions of the city's Mastodon account from its notifications ({@code GET /api/v1/notifications} with
 * {@code types[]=mention}), oldest first from where the last poll stopped. Two instances polling at once take in
 * each status once, as every incoming message is.
 */
@Component
class MastodonPoller {

    private static final Logger log = LoggerFactory.getLogger(MastodonPoller.class);
    static final String CURSOR = "FEDIVERSE";

    private final Inbox inbox;
    private final PhotoFetcher photos;
    private final PhotoRetries retries;
    private final InboxProperties properties;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final java.time.Clock clock;
    private final org.civic311.common.PeriodClaims claims;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    MastodonPoller(
            Inbox inbox,
            PhotoFetcher photos,
            PhotoRetries retries,
            InboxProperties properties,
            JdbcClient jdbc,
            JsonMapper json,
            java.time.Clock clock,
            org.civic311.common.PeriodClaims claims) {
        this.clock = clock;
        this.claims = claims;
        this.retries = retries;
        this.inbox = inbox;
        this.photos = photos;
        this.properties = properties;
        this.jdbc = jdbc;
        this.json = json;
    }

    @Scheduled(fixedDelayString = "${civic311.inbox.mastodon.every:PT30S}", initialDelayString = "PT20S")
    void scheduled() {
        // One instance reads the account's mentions each period, from the cursor they share.
        if (properties.mastodon().baseUrl() != null
                && properties.mastodon().accessToken() != null
                && claims.claim(
                        "inbox-mastodon", clock.instant(), properties.mastodon().every())) {
            try {
                poll();
            } catch (IOException | RuntimeException e) {
                log.warn("Mastodon poll failed, retried at the next: {}", e.getMessage());
            }
        }
    }

    /** Takes in the mentions since the last poll, page after page; returns how many new messages there were. */
    int poll() throws IOException {
        int fresh = 0;
        // min_id pages forward from the cursor, oldest first, so a burst of mentions is read in full.
        for (int page = 0; page < 25; page++) {
            int[] read = pollPage();
            fresh += read[1];
            if (read[0] == 0) {
                break;
            }
        }
        return fresh;
    }

    /** One page after the cursor: how many notifications it held, and how many of them were new messages. */
    private int[] pollPage() throws IOException {
        String base = properties.mastodon().baseUrl().replaceAll("/+$", "");
        String since = jdbc.sql("select position from inbox_cursor where channel = :c")
                .param("c", CURSOR)
                .query(String.class)
                .optional()
                .orElse(null);
        String url = base + "/api/v1/notifications?types%5B%5D=mention&limit=40"
                + (since == null ? "" : "&min_id=" + URLEncoder.encode(since, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + properties.mastodon().accessToken())
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new int[] {0, 0};
        }
        if (response.statusCode() != 200) {
            throw new IOException("Mastodon answered " + response.statusCode());
        }
        List<JsonNode> mentions = new ArrayList<>();
        json.readTree(response.body()).forEach(mentions::add);
        // Take them in as they were written, oldest first, moving the cursor after each.
        mentions.sort(
                (a, b) -> compareIds(a.path("id").asString(""), b.path("id").asString("")));
        int fresh = 0;
        int beyond = 0;
        for (JsonNode notification : mentions) {
            if (since != null && compareIds(notification.path("id").asString(""), since) <= 0) {
                continue; // a server that ignores min_id sends what was read already
            }
            beyond++;
            JsonNode status = notification.path("status");
            if ("mention".equals(notification.path("type").asString("")) && !status.isMissingNode()) {
                List<byte[]> attached = new ArrayList<>();
                List<String> later = new ArrayList<>();
                int missing = 0;
                for (JsonNode media : status.path("media_attachments")) {
                    if ("image".equals(media.path("type").asString(""))) {
                        String photoUrl = media.path("url").asString("");
                        PhotoFetcher.Attempt attempt = photos.attempt(photoUrl, null);
                        if (attempt.photo() != null) {
                            attached.add(attempt.photo());
                        } else {
                            missing++;
                            if (attempt.worthRetrying()) {
                                later.add(photoUrl);
                            }
                        }
                    } else {
                        missing++; // a video or a sound: not kept, but the agent is told it was sent
                    }
                }
                JsonNode account = status.path("account");
                String id = status.path("id").asString("");
                Inbox.Received stored = inbox.receive(new IncomingMessage(
                        properties.mastodon().jurisdiction(),
                        ConversationChannel.FEDIVERSE,
                        id,
                        id,
                        status.path("in_reply_to_id").asString(null),
                        account.path("acct").asString("unknown"),
                        account.path("display_name").asString(null),
                        null,
                        text(status.path("content").asString("")),
                        instant(status.path("created_at").asString("")),
                        attached,
                        status.path("visibility").asString("public"),
                        missing));
                retries.schedule(stored, ConversationChannel.FEDIVERSE, later);
                if (stored.isNew()) {
                    fresh++;
                }
            }
            jdbc.sql(
                            """
                            insert into inbox_cursor (channel, position) values (:c, :p)
                            on conflict (channel) do update set position = excluded.position""")
                    .param("c", CURSOR)
                    .param("p", notification.path("id").asString(""))
                    .update();
        }
        return new int[] {beyond, fresh};
    }

    /** A status's HTML as plain text: paragraphs and line breaks kept, tags dropped, entities decoded. */
    static String text(String html) {
        String text = html.replaceAll("(?i)<br\\s*/?>", "\n")
                .replaceAll("(?i)</p>\\s*<p>", "\n\n")
                .replaceAll("<[^>]*>", "");
        return HtmlUtils.htmlUnescape(text).strip();
    }

    private static int compareIds(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }
}
