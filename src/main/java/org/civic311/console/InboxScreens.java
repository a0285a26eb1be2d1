package org.civic311.console;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.civic311.catalog.Catalog;
import org.civic311.catalog.ServiceAttribute;
import org.civic311.common.InvalidInputException;
import org.civic311.conversations.Conversation;
import org.civic311.conversations.ConversationChannel;
import org.civic311.conversations.ConversationMessage;
import org.civic311.conversations.ConversationStatus;
import org.civic311.conversations.Inbox;
import org.civic311.conversations.InboxFilter;
import org.civic311.conversations.ReplyStarters;
import org.civic311.media.MediaStore;
import org.civic311.notifications.Replies;
import org.civic311.requests.Actor;
import org.civic311.requests.Channel;
import org.civic311.requests.EmergencyException;
import org.civic311.requests.FollowerChannel;
import org.civic311.requests.Location;
import org.civic311.requests.NewServiceRequest;
import org.civic311.requests.PlaceHistory;
import org.civic311.requests.Reporter;
import org.civic311.requests.RequestWork;
import org.civic311.requests.ServiceRequests;
import org.civic311.requests.SubmittedRequest;
import org.civic311.requests.Upload;
import org.civic311.staff.StaffDirectory;
import org.civic311.staff.StaffMember;
import org.civic311.triage.Triage;
import org.civic311.triage.TriageResult;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The shared inbox: every channel's conversations in one list; a conversation with its thread, photos and triage;
 * taking it, replying in its channel with a live length count, and making a service request from it.
 */
@Controller
class InboxScreens {

    private final Inbox inbox;
    private final StaffDirectory directory;
    private final StaffAccess access;
    private final Catalog catalog;
    private final Triage triage;
    private final ServiceRequests requests;
    private final RequestWork work;
    private final MediaStore media;
    private final Replies replies;
    private final InboxAnswers answers;
    private final String publicUrl;

    private final org.springframework.transaction.support.TransactionTemplate transaction;

    InboxScreens(
            Inbox inbox,
            StaffDirectory directory,
            StaffAccess access,
            Catalog catalog,
            Triage triage,
            ServiceRequests requests,
            RequestWork work,
            MediaStore media,
            Replies replies,
            InboxAnswers answers,
            org.springframework.transaction.support.TransactionTemplate transaction,
            @org.springframework.beans.factory.annotation.Value("${civic311.notifications.public-url}")
                    String publicUrl) {
        this.replies = replies;
        this.answers = answers;
        this.transaction = transaction;
        this.inbox = inbox;
        this.directory = directory;
        this.access = access;
        this.catalog = catalog;
        this.triage = triage;
        this.requests = requests;
        this.work = work;
        this.media = media;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
    }

    @GetMapping("/staff/inbox")
    String list(
            @RequestParam(required = false) @Nullable String channel,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String owner,
            @RequestParam(required = false) @Nullable String language,
            @RequestParam(required = false) @Nullable String flag,
            @RequestParam(required = false) @Nullable String order,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(defaultValue = "0") int from,
            Authentication authentication,
            Model model) {
        StaffMember member = access.member(authentication);
        if (from < 0 || from > MAX_FROM) {
            throw new InvalidInputException("from", "must be from 0 to " + MAX_FROM);
        }
        if (order != null && !order.isBlank() && !order.equals("oldest") && !order.equals("newest")) {
            throw new InvalidInputException("order", "must be oldest or newest, not “" + order + "”");
        }
        InboxFilter filter = new InboxFilter(
                choice("channel", channel, ConversationChannel.class),
                choice("status", status, ConversationStatus.class),
                "me".equals(owner) ? member.username() : blank(owner),
                blank(language),
                "emergency".equals(flag) ? Boolean.TRUE : null,
                "abusive".equals(flag) ? Boolean.TRUE : null,
                "oldest".equals(order),
                q);
        List<Conversation> page = inbox.list(member.jurisdictionId(), filter, from, PAGE);
        int total = page.size() < PAGE && from == 0 ? page.size() : inbox.count(member.jurisdictionId(), filter);
        model.addAttribute("member", member);
        model.addAttribute("waiting", inbox.waiting(member.jurisdictionId()));
        model.addAttribute("conversations", page);
        model.addAttribute("total", total);
        model.addAttribute("pageSize", PAGE);
        model.addAttribute("from", from);
        model.addAttribute(
                "nextPage",
                from + page.size() < total
                        ? org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromCurrentRequest()
                                .replaceQueryParam("from", from + PAGE)
                                .build()
                                .toUriString()
                        : null);
        model.addAttribute(
                "filter",
                new Filter(
                        blank(channel),
                        blank(status),
                        blank(owner),
                        blank(language),
                        blank(flag),
                        blank(order),
                        filter.words()));
        model.addAttribute("channels", ConversationChannel.values());
        model.addAttribute("statuses", ConversationStatus.values());
        model.addAttribute("t", times(member));
        return "staff/inbox";
    }

    /** Conversations listed at once; the rest are a page away, with the total said. */
    static final int PAGE = 200;

    /** The furthest an inbox is paged: beyond, a filter narrows it better than paging. */
    static final int MAX_FROM = 100_000;

    /** The list's filters as chosen, to show them again. */
    record Filter(
            @Nullable String channel,
            @Nullable String status,
            @Nullable String owner,
            @Nullable String language,
            @Nullable String flag,
            @Nullable String order,
            @Nullable String q) {}

    @GetMapping("/staff/inbox/{id}")
    String conversation(@PathVariable long id, Authentication authentication, Model model) {
        StaffMember member = access.member(authentication);
        Conversation conversation = inbox.conversation(member.jurisdictionId(), id);
        ConversationMessage latest = inbox.latestIncoming(conversation).orElse(null);
        TriageResult assessed = latest == null ? null : latest.triage();
        var typed = TypedFiling.in(model);
        String suggested = TypedFiling.field(
                typed,
                "service",
                assessed == null || assessed.suggestions().isEmpty()
                        ? ""
                        : assessed.suggestions().getFirst().serviceCode());
        List<ConversationMessage> episode = inbox.sinceLastClosed(conversation);
        List<ConversationMessage.Photo> photos = photosOf(episode);
        ConversationMessage.Photo located = located(photos).orElse(null);
        var profile = directory.profile(member.username()).orElseThrow();
        model.addAttribute("member", member);
        model.addAttribute("conversation", conversation);
        model.addAttribute("latest", latest);
        model.addAttribute("residentsPhotos", photos);
        model.addAttribute(
                "photosSentPrivately",
                episode.stream().anyMatch(m -> !m.photos().isEmpty() && sentPrivately(conversation, m)));
        // Ticked to begin with: the photos of the message being answered; the earlier ones are offered.
        model.addAttribute(
                "latestPhotos",
                latest == null
                        ? java.util.Set.of()
                        : latest.photos().stream()
                                .map(ConversationMessage.Photo::path)
                                .collect(java.util.stream.Collectors.toSet()));
        model.addAttribute("history", inbox.history(conversation.id()));
        model.addAttribute("inboxAgents", member.oversees() ? inboxAgents(member) : List.of());
        // Whether each reply reached the resident: "Reply sent" only says it was handed to the outbox.
        var deliveries = replies.deliveries(conversation.messages().stream()
                .map(ConversationMessage::outboxKey)
                .filter(java.util.Objects::nonNull)
                .toList());
        model.addAttribute("deliveries", deliveries);
        // The 911 guidance may have gone out and not arrived (a number that texted STOP, a provider's refusal): the
        // banner says what became of it, not only that it was sent.
        model.addAttribute(
                "guidance",
                conversation.messages().stream()
                        .filter(m -> m.direction() == ConversationMessage.Direction.OUT
                                && m.automatic()
                                && m.outboxKey() != null)
                        .findFirst()
                        .map(m -> deliveries.get(m.outboxKey()))
                        .orElse(null));
        // The key of a further message sent from this page: sent twice, it goes once.
        model.addAttribute("further", org.civic311.common.FormKeys.fresh());
        model.addAttribute("triage", assessed);
        boolean mine = member.username().equals(conversation.owner());
        model.addAttribute("mine", mine);
        if (mine) {
            answers.suggest(member, latest, model);
        }
        model.addAttribute("signOff", profile.signOff());
        model.addAttribute("serviceTypes", catalog.activeServiceTypes(member.jurisdictionId()));
        model.addAttribute("service", suggested);
        model.addAttribute("questions", catalog.questions(member.jurisdictionId(), suggested));
        model.addAttribute(
                "address",
                TypedFiling.field(
                        typed,
                        "address",
                        assessed != null && assessed.address() != null
                                ? assessed.address().text()
                                : ""));
        model.addAttribute("photoLocation", located);
        model.addAttribute("place", placeHistory(member, suggested, assessed));
        model.addAttribute("earlier", inbox.earlierRequests(member.jurisdictionId(), id));
        model.addAttribute("starters", ReplyStarters.in(conversation.language()));
        model.addAttribute(
                "length",
                Replies.length(
                        channelOf(conversation),
                        // Counted with the draft the composer opens with (a filed request's reply, a refused one).
                        latest == null
                                ? ""
                                : inbox.compose(
                                        conversation,
                                        latest,
                                        model.getAttribute("draft") instanceof String draft ? draft : "",
                                        profile.signOff())));
        model.addAttribute("t", times(member));
        return "staff/conversation";
    }

    /**
     * Earlier reports of the suggested problem at the address found in the message, before the agent files it: a
     * repeat problem shows as one before it is filed again.
     */
    private @Nullable PlaceHistory placeHistory(StaffMember member, String suggested, @Nullable TriageResult assessed) {
        if (suggested.isEmpty() || assessed == null || assessed.address() == null) {
            return null;
        }
        TriageResult.FoundAddress found = assessed.address();
        return work.placeHistory(
                member.jurisdictionId(),
                suggested,
                new Location(found.latitude(), found.longitude(), found.text(), null, null));
    }

    /**
     * A ready reply in the resident's language, put into the composer for the agent to finish; what the agent already
     * wrote themselves is never replaced (only an empty box or a ready reply left as it was is), as on a request's page.
     */
    // Posted, not asked for with the draft in the address, where proxies' logs would keep a resident's words.
    @PostMapping("/staff/inbox/{id}/starter")
    String starter(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String starter,
            @RequestParam(defaultValue = "") String text,
            Authentication authentication,
            Model model) {
        StaffMember member = access.member(authentication);
        Conversation conversation = inbox.conversation(member.jurisdictionId(), id);
        boolean written = ReadyTexts.writtenOver(
                text,
                ReplyStarters.in(conversation.language()).stream()
                        .map(ReplyStarters.Starter::text)
                        .toList());
        String draft = written
                ? text
                : ReplyStarters.find(conversation.language(), starter)
                        .map(ReplyStarters.Starter::text)
                        .orElse("");
        return ReplyMeasure.of(inbox, directory, member, conversation).intoComposer(draft, model);
    }

    /** The reply's length by the channel's rules as the agent types, and a sign to colleagues that they are. */
    @PostMapping("/staff/inbox/{id}/draft")
    String draft(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String text,
            Authentication authentication,
            Model model) {
        StaffMember member = access.member(authentication);
        Conversation conversation = inbox.conversation(member.jurisdictionId(), id);
        inbox.composing(member.jurisdictionId(), id, member.username());
        model.addAttribute(
                "length",
                ReplyMeasure.of(inbox, directory, member, conversation).of(text));
        return "staff/conversation :: length";
    }

    @PostMapping("/staff/inbox/{id}/claim")
    String claim(@PathVariable long id, Authentication authentication, RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        return act(id, flash, () -> inbox.claim(member.jurisdictionId(), id, member.username()), "It is yours.");
    }

    /** The conversation waiting longest that nobody holds, given to the agent: see {@link Inbox#claimNext}. */
    @PostMapping("/staff/inbox/next")
    String next(Authentication authentication, RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        if (!member.canRoute()) {
            throw new org.springframework.security.access.AccessDeniedException(
                    member.username() + " does not answer residents for 311");
        }
        return inbox.claimNext(member.jurisdictionId(), member.username())
                .map(id -> {
                    flash.addFlashAttribute(
                            "message",
                            inbox.conversation(member.jurisdictionId(), id).emergency() != null
                                    ? "It is yours: an emergency, given before the others."
                                    : "It is yours: the resident waiting longest.");
                    return "redirect:/staff/inbox/" + id;
                })
                .orElseGet(() -> {
                    flash.addFlashAttribute("message", "Nobody is waiting: every open conversation is held.");
                    return "redirect:/staff/inbox";
                });
    }

    /** Supervisors take over a conversation a colleague holds. */
    @PostMapping("/staff/inbox/{id}/take-over")
    String takeOver(@PathVariable long id, Authentication authentication, RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        if (!member.oversees()) {
            throw new org.springframework.security.access.AccessDeniedException(
                    member.username() + " does not supervise the inbox");
        }
        return act(
                id,
                flash,
                () -> inbox.takeOver(member.jurisdictionId(), id, member.username()),
                "It is yours: answer it, or let it go for another agent.");
    }

    /** Supervisors give a conversation to a named agent of the inbox. */
    @PostMapping("/staff/inbox/{id}/give")
    String give(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String agent,
            Authentication authentication,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        if (!member.oversees()) {
            throw new org.springframework.security.access.AccessDeniedException(
                    member.username() + " does not supervise the inbox");
        }
        java.util.Optional<StaffMember> to = directory
                .find(agent.strip())
                .filter(m -> m.jurisdictionId().equals(member.jurisdictionId()) && m.canRoute());
        return act(
                id,
                flash,
                () -> inbox.give(
                        member.jurisdictionId(),
                        id,
                        member.username(),
                        to.orElseThrow(() -> new InvalidInputException(
                                        "agent", "is not an agent of the inbox: choose one from the list"))
                                .username()),
                "Given to " + to.map(StaffMember::displayName).orElse("") + ".");
    }

    /** Those a supervisor may give a conversation to: the jurisdiction's agents and supervisors. */
    private List<StaffMember> inboxAgents(StaffMember member) {
        return directory.members(member.jurisdictionId()).stream()
                .filter(StaffMember::canRoute)
                .toList();
    }

    @PostMapping("/staff/inbox/{id}/release")
    String release(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String replyDraft,
            Authentication authentication,
            RedirectAttributes flash) {
        // Whoever takes the conversation next may need what was begun: it stays on the page, to pass on.
        if (!replyDraft.isBlank()) {
            flash.addFlashAttribute("draft", replyDraft);
        }
        StaffMember member = access.member(authentication);
        return act(id, flash, () -> inbox.release(member.jurisdictionId(), id, member.username()), "Let go.");
    }

    @PostMapping("/staff/inbox/{id}/close")
    String close(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable Long seen,
            @RequestParam(defaultValue = "") String replyDraft,
            @RequestParam(defaultValue = "false") boolean leaveUnsent,
            Authentication authentication,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        if (!leaveUnsent) {
            String language = inbox.conversation(member.jurisdictionId(), id).language();
            String written = replyWritten(replyDraft, language);
            if (written != null) {
                // Refused once: a click on the wrong link would lose the words, and the resident their answer.
                flash.addFlashAttribute(
                        "error", "Your reply is not sent: send it first, or close again to leave it unsent.");
                flash.addFlashAttribute("draft", replyDraft);
                flash.addFlashAttribute("closingUnsent", true);
                return "redirect:/staff/inbox/" + id;
            }
        }
        return act(id, flash, () -> inbox.close(member.jurisdictionId(), id, member.username(), seen), "Closed.");
    }

    @PostMapping("/staff/inbox/{id}/reply")
    String reply(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String text,
            @RequestParam(name = "photo", required = false) @Nullable List<MultipartFile> photos,
            @RequestParam(name = "keptPhoto", required = false) @Nullable List<String> kept,
            @RequestParam(required = false) @Nullable String further,
            @RequestParam(required = false) @Nullable Long seen,
            Authentication authentication,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        String signOff = directory.profile(member.username()).orElseThrow().signOff();
        List<org.civic311.media.StoredMedia> stored = new ArrayList<>();
        try {
            // Photos of a reply refused before (too long, abusive words): stored then, chosen again on the page.
            for (String path : kept == null ? List.<String>of() : kept) {
                stored.add(media.stored(path)
                        .orElseThrow(() -> new InvalidInputException(
                                "photo", "a photo kept from the reply before is no longer there; choose it again")));
            }
            for (MultipartFile photo : photos == null ? List.<MultipartFile>of() : photos) {
                if (!photo.isEmpty()) {
                    stored.add(media.store("photo", photo.getBytes()));
                }
            }
            inbox.reply(
                    member.jurisdictionId(),
                    id,
                    member.username(),
                    new Inbox.Reply(
                            text, signOff, stored, further == null || further.isBlank() ? null : further, seen));
            flash.addFlashAttribute("message", "Reply sent.");
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("error", Refusals.said(e));
            flash.addFlashAttribute("draft", text);
            // A file input cannot be filled in again: the photos already stored come back to be sent with the reply.
            flash.addFlashAttribute(
                    "keptPhotos",
                    stored.stream().map(org.civic311.media.StoredMedia::path).toList());
        } catch (IOException e) {
            flash.addFlashAttribute("error", "The photo could not be read.");
            flash.addFlashAttribute("draft", text);
        }
        return "redirect:/staff/inbox/" + id;
    }

    /**
     * An email, a text, a direct message or a Mastodon post for the author's followers alone was written to the city,
     * not to the public.
     */
    static boolean sentPrivately(Conversation conversation, ConversationMessage message) {
        return switch (conversation.channel()) {
            case EMAIL, SMS -> true;
            case X -> conversation.isDirect(message);
            case FEDIVERSE -> {
                String seenBy = message.visibility() != null ? message.visibility() : conversation.visibility();
                yield !(seenBy == null || seenBy.equals("public") || seenBy.equals("unlisted"));
            }
        };
    }

    /**
     * The photos of the resident's messages since the conversation was last closed, oldest first: a photo may come
     * before the words, but not from an old exchange in the same thread.
     */
    private static List<ConversationMessage.Photo> photosOf(List<ConversationMessage> episode) {
        return episode.stream().flatMap(m -> m.photos().stream()).toList();
    }

    /** The latest of the photos that says where it was taken. */
    private static Optional<ConversationMessage.Photo> located(List<ConversationMessage.Photo> photos) {
        return photos.stream().filter(p -> p.latitude() != null).reduce((first, next) -> next);
    }

    /** Files a service request from the conversation's messages, with the photos chosen, and links them. */
    @PostMapping("/staff/inbox/{id}/request")
    String fileRequest(
            @PathVariable long id,
            @RequestParam MultiValueMap<String, String> form,
            Authentication authentication,
            RedirectAttributes flash) {
        StaffMember member = access.member(authentication);
        String service = first(form, "service");
        String address = first(form, "address");
        // Placed before the conversation is locked: the geocoder may be a service over the network.
        Location byAddress = requests.placed(
                member.jurisdictionId(),
                new Location(null, null, address.isBlank() ? null : address.strip(), null, null));
        try {
            // One transaction under the conversation's lock: filed, linked and followed together or not at all, and
            // a second click finds it already linked.
            SubmittedRequest submitted = java.util.Objects.requireNonNull(transaction.execute(status -> {
                Conversation conversation = inbox.lock(member.jurisdictionId(), id);
                held(member, conversation);
                ConversationMessage latest = inbox.latestIncoming(conversation)
                        .orElseThrow(() -> new InvalidInputException("message", "there is no message to file"));
                if (service.isBlank()) {
                    throw new InvalidInputException("service", "is required: choose the type of problem");
                }
                Double lat = byAddress.latitude();
                Double lon = byAddress.longitude();
                List<ConversationMessage> episode = inbox.sinceLastClosed(conversation);
                List<ConversationMessage.Photo> photos = photosOf(episode);
                if (lat == null && "on".equals(form.getFirst("usePhotoLocation"))) {
                    var located = located(photos);
                    lat = located.map(ConversationMessage.Photo::latitude).orElse(null);
                    lon = located.map(ConversationMessage.Photo::longitude).orElse(null);
                }
                List<Upload> uploads = new ArrayList<>();
                for (String path : form.getOrDefault("photo", List.of())) {
                    // Only the resident's own photos of this conversation: a path from elsewhere is ignored.
                    episode.stream()
                            .filter(m ->
                                    m.photos().stream().anyMatch(p -> p.path().equals(path)))
                            .findFirst()
                            .ifPresent(message -> media.find(path)
                                    .ifPresent(file -> uploads.add(new Upload(
                                            "media", read(file.file()), sentPrivately(conversation, message)))));
                }
                Map<String, List<String>> answers = ServiceAttribute.answersIn(form);
                NewServiceRequest filed = new NewServiceRequest(
                        member.jurisdictionId(),
                        service,
                        new Location(lat, lon, address.isBlank() ? null : address, null, null),
                        description(form, latest),
                        answers,
                        java.util.List.of(),
                        uploads,
                        reporter(conversation),
                        switch (conversation.channel()) {
                            case EMAIL -> Channel.EMAIL;
                            case SMS -> Channel.SMS;
                            case X, FEDIVERSE -> Channel.SOCIAL;
                        },
                        conversation.language());
                // The resident's clock started when they first wrote about this matter (since the conversation was
                // last closed), as the request counts it: no further back than the longest wait.
                Instant wrote = requests.countsFrom(episode.stream()
                        .map(ConversationMessage::at)
                        .min(Instant::compareTo)
                        .orElse(latest.at()));
                SubmittedRequest filedRequest = requests.fileForResident(
                        filed,
                        new Actor(member.username(), "inbox"),
                        // The agent read the message and judged that triage's emergency flag was a false alarm.
                        "on".equals(form.getFirst("notAnEmergency")),
                        null,
                        wrote);
                // What agents already answered them counts as the request's answers, at the time they went.
                conversation.messages().stream()
                        .filter(m -> m.direction() == ConversationMessage.Direction.OUT && !m.automatic())
                        .filter(m -> !m.at().isBefore(wrote))
                        .forEach(m -> work.recordReply(
                                member.jurisdictionId(),
                                filedRequest.publicId(),
                                new Actor(m.author(), "inbox"),
                                true,
                                RepliesOnRequests.where(conversation.channel()),
                                m.at()));
                inbox.linkRequest(member.jurisdictionId(), id, filedRequest.publicId(), true);
                follow(member, conversation, latest, filedRequest.publicId(), true);
                return filedRequest;
            }));
            List<String> said = new ArrayList<>();
            said.add("Request " + submitted.publicId() + " filed from the message.");
            if (submitted.repeatSaid() != null) {
                said.add(submitted.repeatSaid());
            }
            flash.addFlashAttribute("message", String.join(" ", said));
            String language = inbox.conversation(member.jurisdictionId(), id).language();
            String filedReply = ReplyStarters.filed(
                    language,
                    submitted.publicId(),
                    publicUrl + "/requests/" + submitted.publicId(),
                    submitted.repeatCount() > 0,
                    submitted.repeatEscalatedTo() != null);
            // What the agent had begun to write stays, the filing's words after it.
            String written = replyWritten(form, language);
            flash.addFlashAttribute("draft", written == null ? filedReply : written + "\n\n" + filedReply);
        } catch (EmergencyException e) {
            flash.addFlashAttribute(
                    "error",
                    e.getMessage() + " Nothing was filed. If you have read it and it is not an emergency, say so"
                            + " below and file it again.");
            flash.addFlashAttribute("emergencyRefused", true);
            flash.addFlashAttribute(TypedFiling.ATTRIBUTE, TypedFiling.of(form));
            keepReply(flash, form);
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("error", Refusals.said(e));
            flash.addFlashAttribute(TypedFiling.ATTRIBUTE, TypedFiling.of(form));
            keepReply(flash, form);
        }
        return "redirect:/staff/inbox/" + id;
    }

    /**
     * The reply the agent was writing when they filed or linked (the composer's text, which the page's script copies
     * into these forms): not lost to the page that comes back. Null when it is empty or a ready reply left as it was.
     */
    private @Nullable String replyWritten(MultiValueMap<String, String> form, String language) {
        return replyWritten(first(form, "replyDraft"), language);
    }

    private @Nullable String replyWritten(String typed, String language) {
        return ReadyTexts.writtenOver(
                        typed,
                        ReplyStarters.in(language).stream()
                                .map(ReplyStarters.Starter::text)
                                .toList())
                ? typed.strip()
                : null;
    }

    private static void keepReply(RedirectAttributes flash, MultiValueMap<String, String> form) {
        String typed = first(form, "replyDraft");
        if (!typed.isBlank()) {
            flash.addFlashAttribute("draft", typed);
        }
    }

    /** Links the conversation to a request already filed; its updates come back into this thread. */
    @PostMapping("/staff/inbox/{id}/link")
    String link(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String publicId,
            @RequestParam(defaultValue = "") String replyDraft,
            Authentication authentication,
            RedirectAttributes flash) {
        if (!replyDraft.isBlank()) {
            flash.addFlashAttribute("draft", replyDraft);
        }
        StaffMember member = access.member(authentication);
        Conversation conversation = inbox.conversation(member.jurisdictionId(), id);
        try {
            held(member, conversation);
            String request =
                    work.request(member.jurisdictionId(), publicId.strip()).publicId();
            inbox.linkRequest(member.jurisdictionId(), id, request, false);
            inbox.latestIncoming(conversation)
                    .ifPresent(latest -> follow(member, conversation, latest, request, false));
            flash.addFlashAttribute("message", "Linked to request " + request + ": its updates come back here.");
        } catch (InvalidInputException | org.civic311.common.NotFoundException e) {
            flash.addFlashAttribute(
                    "error", e instanceof InvalidInputException invalid ? Refusals.said(invalid) : e.getMessage());
        }
        return "redirect:/staff/inbox/" + id;
    }

    /**
     * The resident follows the request in the channel they wrote in, so its updates come back into the thread.
     *
     * @param filedHere whether the request was filed from this conversation, the resident then its reporter
     */
    private void follow(
            StaffMember member,
            Conversation conversation,
            ConversationMessage latest,
            String publicId,
            boolean filedHere) {
        FollowerChannel channel =
                switch (conversation.channel()) {
                    // The reporter's email follows a request filed from their message already; a linked one's does not.
                    case EMAIL -> filedHere ? null : FollowerChannel.EMAIL;
                    case SMS -> FollowerChannel.SMS;
                    case X -> FollowerChannel.X;
                    case FEDIVERSE -> FollowerChannel.FEDIVERSE;
                };
        // A number that texted STOP hears nothing more by text message: the request is filed all the same.
        if (channel == null || (channel == FollowerChannel.SMS && work.textMessagesStopped(conversation.resident()))) {
            return;
        }
        // Updates go where a reply would, as widely: a direct message's as direct messages, never as public posts.
        work.follow(
                member.jurisdictionId(),
                publicId,
                channel,
                conversation.replyAddress(latest),
                conversation.language(),
                conversation.replyVisibility(latest),
                conversation.resident(),
                new Actor(member.username(), "inbox"));
    }

    /** Only the conversation's owner makes a request of it, and only once. */
    private static void held(StaffMember member, Conversation conversation) {
        if (!member.username().equals(conversation.owner())) {
            throw new InvalidInputException(
                    "owner",
                    conversation.owner() == null
                            ? "take the conversation first"
                            : "the conversation is held by " + conversation.owner());
        }
        if (conversation.requestPublicId() != null) {
            throw new InvalidInputException(
                    "request", "the conversation is already linked to request " + conversation.requestPublicId());
        }
    }

    /**
     * The request's public description, as the agent left it in the form: a private message (email, SMS, direct)
     * is never published as it was written without the agent seeing it.
     */
    private static String description(MultiValueMap<String, String> form, ConversationMessage latest) {
        String written = form.getFirst("description");
        return written == null ? latest.maskedText() : written;
    }

    private static Reporter reporter(Conversation conversation) {
        return switch (conversation.channel()) {
            case EMAIL -> Reporter.named(conversation.residentName(), conversation.resident(), null, null);
            case SMS -> new Reporter(null, null, null, conversation.resident(), null, null);
            case X, FEDIVERSE -> new Reporter(null, null, null, null, null, conversation.resident());
        };
    }

    private String act(long id, RedirectAttributes flash, Runnable action, String done) {
        try {
            action.run();
            flash.addFlashAttribute("message", done);
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("error", Refusals.said(e));
        }
        return "redirect:/staff/inbox/" + id;
    }

    private static Replies.Channel channelOf(Conversation conversation) {
        return Replies.Channel.valueOf(conversation.channel().name());
    }

    private static byte[] read(java.nio.file.Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String first(MultiValueMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null ? "" : value;
    }

    /** A filter's value among an enum's names, or a clear refusal naming the choices. */
    private static <E extends Enum<E>> @Nullable E choice(String field, @Nullable String value, Class<E> type) {
        if (blank(value) == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    field,
                    "must be one of "
                            + java.util.Arrays.stream(type.getEnumConstants())
                                    .map(Enum::name)
                                    .collect(java.util.stream.Collectors.joining(", ")));
        }
    }

    private static @Nullable String blank(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private DepartmentScreens.LocalTimes times(StaffMember member) {
        return new DepartmentScreens.LocalTimes(
                catalog.resolveJurisdiction(member.jurisdictionId()).timeZone());
    }
}
