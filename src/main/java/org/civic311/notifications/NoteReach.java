package org.civic311.notifications;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civic311.requests.Follower;
import org.civic311.requests.FollowerChannel;
import org.civic311.requests.RequestWork;
import org.springframework.stereotype.Service;

/**
 * How far a public note reaches before a short channel cuts it: a closing note whose reason comes last ("we cannot
 * do this. Here is why: …") may reach a follower on X without its reason. Staff read it as they write.
 */
@Service
public class NoteReach {

    /**
     * The followers of one channel whose update would be cut, and the part of the note the most cut of them reads;
     * the rest is on the request's page, which their message links to.
     */
    public record Cut(FollowerChannel channel, int followers, String kept) {}

    private final Notifications notifications;
    private final RequestWork work;

    NoteReach(Notifications notifications, RequestWork work) {
        this.notifications = notifications;
        this.work = work;
    }

    /** The channels that would cut the note for some of the request's followers; empty when everyone reads it whole. */
    public List<Cut> of(
            long requestId, String jurisdictionId, String publicId, String statusCode, String note, String author) {
        String text = note.strip();
        if (text.isEmpty()) {
            return List.of();
        }
        String signature = notifications.signatureOf(author);
        Map<FollowerChannel, List<String>> cuts = new LinkedHashMap<>();
        for (Follower follower : work.followers(requestId)) {
            String kept = notifications.keptFor(follower, jurisdictionId, publicId, statusCode, text, signature);
            if (!kept.equals(text)) {
                cuts.computeIfAbsent(follower.channel(), c -> new ArrayList<>()).add(kept);
            }
        }
        List<Cut> said = new ArrayList<>();
        cuts.forEach((channel, kept) -> said.add(new Cut(
                channel,
                kept.size(),
                kept.stream()
                        .min(java.util.Comparator.comparingInt(String::length))
                        .orElseThrow())));
        return said;
    }
}
