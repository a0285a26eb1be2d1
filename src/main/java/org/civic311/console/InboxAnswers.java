package org.civic311.console;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.civic311.common.InvalidInputException;
import org.civic311.common.NotFoundException;
import org.civic311.conversations.Conversation;
import org.civic311.conversations.ConversationMessage;
import org.civic311.conversations.Inbox;
import org.civic311.knowledge.Article;
import org.civic311.knowledge.ArticleStatus;
import org.civic311.knowledge.Audience;
import org.civic311.knowledge.KnowledgeBase;
import org.civic311.knowledge.SearchHit;
import org.civic311.staff.StaffDirectory;
import org.civic311.staff.StaffMember;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Answers from the knowledge base beside a conversation, as on a call: those that may fit the resident's message
 * come with the page, the agent searches for others, and a public one is put into the reply, cut to what the channel
 * carries with the signature.
 */
@Controller
class InboxAnswers {

    /** How many answers are shown beside a conversation: a short list, read while the resident waits. */
    static final int SHOWN = 5;

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[\\p{Lu}\\d\"“(])");

    private final Inbox inbox;
    private final KnowledgeBase knowledge;
    private final StaffDirectory directory;
    private final StaffAccess access;

    InboxAnswers(Inbox inbox, KnowledgeBase knowledge, StaffDirectory directory, StaffAccess access) {
        this.inbox = inbox;
        this.knowledge = knowledge;
        this.directory = directory;
        this.access = access;
    }

    /** The answers that may fit the message being answered, found by its words (masked), for the page. */
    void suggest(StaffMember member, @Nullable ConversationMessage latest, Model model) {
        String asked =
                latest == null ? "" : KnowledgeBase.opening(latest.maskedText().strip());
        model.addAttribute("answersQuery", asked);
        List<SearchHit> hits = List.of();
        if (!asked.isBlank()) {
            try {
                hits = knowledge.search(member.jurisdictionId(), asked, true, SHOWN);
            } catch (InvalidInputException unsearchable) {
                // A message of only a photo or a link: the agent searches in words of their own.
            }
        }
        model.addAttribute("answers", hits);
    }

    /** The agent's own search; what finds nothing is listed for the editors, as a search on a call is. */
    @PostMapping("/staff/inbox/{id}/answers")
    String search(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String q,
            Authentication authentication,
            Model model) {
        StaffMember member = access.member(authentication);
        Conversation conversation = inbox.conversation(member.jurisdictionId(), id);
        String asked = KnowledgeBase.opening(q.strip());
        model.addAttribute("conversation", conversation);
        model.addAttribute("answersQuery", asked);
        model.addAttribute("answers", knowledge.searchedBy(member.jurisdictionId(), member.username(), asked, SHOWN));
        return "staff/conversation :: answers";
    }

    /**
     * A published public answer put into the reply after what is already in the box, as many of its sentences as the
     * channel carries with the signature (at least the first: the count then says it is too long). A staff-only answer
     * is for the agent to read, never to send.
     */
    @PostMapping("/staff/inbox/{id}/answer")
    String answer(
            @PathVariable long id,
            @RequestParam long article,
            @RequestParam(defaultValue = "") String text,
            Authentication authentication,
            Model model) {
        StaffMember member = access.member(authentication);
        Conversation conversation = inbox.conversation(member.jurisdictionId(), id);
        Article answer = knowledge.article(member.jurisdictionId(), article);
        if (answer.status() != ArticleStatus.PUBLISHED) {
            throw new NotFoundException("no published answer " + article);
        }
        if (answer.audience() != Audience.PUBLIC) {
            throw new InvalidInputException("article", "is for staff only: read it, but do not send it to a resident");
        }
        ReplyMeasure measure = ReplyMeasure.of(inbox, directory, member, conversation);
        return measure.intoComposer(
                withAnswer(text, answer.body(), draft -> measure.of(draft).fits()), model);
    }

    /**
     * The draft with the answer after it: what the agent wrote is kept, and the answer's sentences follow for as long
     * as the whole still {@code fits}, the first of them in any case.
     */
    static String withAnswer(String draft, String answer, Predicate<String> fits) {
        String start = draft.isBlank() ? "" : draft.replace("\r\n", "\n").stripTrailing() + "\n\n";
        List<String> sentences = new ArrayList<>();
        for (String paragraph : answer.replace("\r\n", "\n").strip().split("\n\\s*\n")) {
            sentences.addAll(List.of(SENTENCE_END.split(paragraph.strip().replaceAll("\\s+", " "))));
        }
        StringBuilder kept = new StringBuilder();
        for (String sentence : sentences) {
            String longer = kept.isEmpty() ? sentence : kept + " " + sentence;
            if (!kept.isEmpty() && !fits.test(start + longer)) {
                break;
            }
            kept.setLength(0);
            kept.append(longer);
        }
        return start + kept;
    }
}
