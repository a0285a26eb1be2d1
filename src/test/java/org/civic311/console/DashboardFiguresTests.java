package org.civic311.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.civic311.catalog.Resolution;
import org.civic311.contacts.ContactFigures;
import org.civic311.contacts.ContactKind;
import org.civic311.contacts.Contacts;
import org.civic311.contacts.WrapUpCode;
import org.civic311.inquiries.ContactChannel;
import org.civic311.inquiries.Inquiries;
import org.civic311.inquiries.NewInquiry;
import org.civic311.requests.Actor;
import org.civic311.requests.Channel;
import org.civic311.requests.Location;
import org.civic311.requests.NewServiceRequest;
import org.civic311.requests.Reporter;
import org.civic311.requests.RequestFigures;
import org.civic311.requests.RequestWork;
import org.civic311.requests.ServiceRequests;
import org.civic311.requests.Transition;
import org.civic311.support.Civic311ClockTest;
import org.civic311.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The supervisor's figures are counted from what happened: requests by channel, time to first response, breaches,
 * contacts and their handling time, inquiries. On a day no other test touches, with time moved by the clock.
 */
@Civic311ClockTest
class DashboardFiguresTests {

    static final ZoneId TORONTO = ZoneId.of("America/Toronto");
    static final String TORONTO_ID = "toronto.ca";
    static final LocalDate DAY = LocalDate.of(2027, 2, 10);

    @Autowired
    MutableClock clock;

    @Autowired
    ServiceRequests requests;

    @Autowired
    RequestWork work;

    @Autowired
    Contacts contacts;

    @Autowired
    Inquiries inquiries;

    String pothole(Channel channel) {
        return requests.submit(new NewServiceRequest(
                        null,
                        "CSROWR-12",
                        new Location(43.6534, -79.3841, "100 Queen St W", null, null),
                        "Deep pothole in the curb lane",
                        Map.of("POTHOLE_SIZE", List.of("LARGE"), "LOCATION_ON_ROAD", List.of("CURB_LANE")),
                        java.util.List.of(),
                        List.of(),
                        Reporter.anonymous(),
                        channel,
                        null))
                .publicId();
    }

    @Test
    void theDayIsCountedFromWhatHappenedOnIt() {
        clock.set(ZonedDateTime.of(DAY, java.time.LocalTime.of(9, 0), TORONTO).toInstant());
        String byPhone = pothole(Channel.PHONE); // answered on the call
        pothole(Channel.WALK_IN); // answered at the counter
        String byWeb = pothole(Channel.WEB);
        String alsoByWeb = pothole(Channel.WEB);
        var call = contacts.start(TORONTO_ID, ContactKind.PHONE_CALL, "agent");
        inquiries.open(
                TORONTO_ID,
                new NewInquiry("Is the pool open on Family Day?", null, null, null, false, ContactChannel.PHONE, null),
                "agent");
        clock.advance(Duration.ofMinutes(4));
        contacts.wrapUp(TORONTO_ID, call.id(), WrapUpCode.REQUEST_CREATED, null, "agent");
        clock.advance(Duration.ofMinutes(6)); // 09:10: work on the request, not an answer to the resident
        work.assign(TORONTO_ID, byWeb, "crew 7", new Actor("roads.staff", "console"));
        clock.advance(Duration.ofMinutes(20)); // 09:30: the resident hears from a person
        work.addNote(TORONTO_ID, byWeb, "A crew will look at it this week.", true, new Actor("roads.staff", "console"));
        clock.advance(Duration.ofMinutes(20)); // 09:50
        work.transition(
                TORONTO_ID,
                alsoByWeb,
                new Transition("in_progress", null, null, null),
                new Actor("roads.staff", "console"));

        RequestFigures figures = work.figures(TORONTO_ID, DAY, DAY);
        assertThat(figures.requests())
                .containsExactlyInAnyOrder(
                        new RequestFigures.ByChannel(DAY, Channel.PHONE, 1),
                        new RequestFigures.ByChannel(DAY, Channel.WALK_IN, 1),
                        new RequestFigures.ByChannel(DAY, Channel.WEB, 2));
        // 30 (the public note; the assignment at 10 does not count) and 50 minutes (the status). The call and the
        // visit, answered as they were made, are left out: their zeros would make the day's median 0.
        assertThat(figures.service()).containsExactly(new RequestFigures.Service(DAY, 0, 30L));
        assertThat(contacts.figures(TORONTO_ID, DAY, DAY, TORONTO))
                .containsExactly(new ContactFigures(DAY, ContactKind.PHONE_CALL, 1, 240));
        var walkIn = contacts.start(TORONTO_ID, ContactKind.WALK_IN, "agent2");
        assertThat(contacts.byAgent(TORONTO_ID, DAY.atStartOfDay(TORONTO).toInstant(), clock.instant()))
                .as("who of the team did what today, and who is with someone now")
                .containsExactly(
                        new Contacts.AgentContacts("agent", 1, false, 240L),
                        new Contacts.AgentContacts("agent2", 1, true, null));
        contacts.wrapUp(TORONTO_ID, walkIn.id(), WrapUpCode.ANSWERED, null, "agent2");
        assertThat(inquiries.figures(TORONTO_ID, DAY, DAY, TORONTO))
                .singleElement()
                .satisfies(day -> assertThat(day.opened()).isEqualTo(1));

        // The potholes are due four working days later (Family Day, 15 February, is a holiday) and pass it open.
        LocalDate due = requests.find(TORONTO_ID, byPhone)
                .orElseThrow()
                .expectedAt()
                .atZone(TORONTO)
                .toLocalDate();
        assertThat(due).isEqualTo(LocalDate.of(2027, 2, 17));
        clock.set(ZonedDateTime.of(due, java.time.LocalTime.of(12, 0), TORONTO).toInstant());
        assertThat(work.figures(TORONTO_ID, due, due).service())
                .containsExactly(new RequestFigures.Service(due, 4, null));

        // A duplicate's breach is its parent's: one problem, one breach.
        Actor crew = new Actor("roads.staff", "console");
        work.markDuplicate(TORONTO_ID, alsoByWeb, byWeb, crew);
        assertThat(work.figures(TORONTO_ID, due, due).service())
                .containsExactly(new RequestFigures.Service(due, 3, null));
        // Closed late, then reopened and due again days ahead: the breach it had stays on the day it was due.
        work.transition(TORONTO_ID, byPhone, new Transition("completed", "Filled.", null, Resolution.FIXED), crew);
        work.reopen(TORONTO_ID, byPhone, "The patch has already sunk.", crew);
        assertThat(requests.find(TORONTO_ID, byPhone).orElseThrow().expectedAt())
                .isAfter(clock.instant());
        assertThat(work.figures(TORONTO_ID, due, due).service())
                .containsExactly(new RequestFigures.Service(due, 3, null));
    }

    @Test
    void timeToFirstResponseIsTheFirstAnswerToTheResidentAndIsCountedPerChannelWithResolution() {
        LocalDate day = LocalDate.of(2027, 3, 10);
        clock.set(ZonedDateTime.of(day, java.time.LocalTime.of(9, 0), TORONTO).toInstant());
        String byEmail = pothole(Channel.EMAIL);
        String bySms = pothole(Channel.SMS);
        pothole(Channel.WEB);
        pothole(Channel.PHONE);
        clock.advance(Duration.ofMinutes(20));
        work.assign(TORONTO_ID, byEmail, "crew 7", new Actor("roads.staff", "console"));
        work.addNote(TORONTO_ID, bySms, "Crew 9 has it.", false, new Actor("roads.staff", "console"));
        clock.advance(Duration.ofMinutes(25)); // the agent answers the text message in its conversation
        work.recordReply(TORONTO_ID, bySms, new Actor("agent", "inbox"), true, "on SMS");
        clock.advance(Duration.ofMinutes(15)); // 10:00
        work.transition(
                TORONTO_ID,
                byEmail,
                new Transition("completed", "The pothole was filled this morning.", null, Resolution.FIXED),
                new Actor("roads.staff", "console"));

        assertThat(work.figures(TORONTO_ID, day, day).timeliness())
                .containsExactly(
                        new RequestFigures.Timeliness(Channel.PHONE, 1, 1, 0L, 0, null),
                        new RequestFigures.Timeliness(Channel.WEB, 1, 0, null, 0, null),
                        new RequestFigures.Timeliness(Channel.EMAIL, 1, 1, 60L, 1, 60L),
                        new RequestFigures.Timeliness(Channel.SMS, 1, 1, 45L, 0, null));
    }

    @Autowired
    org.civic311.conversations.Inbox inbox;

    @Autowired
    org.civic311.conversations.FirstAnswers firstAnswers;

    org.civic311.conversations.Inbox.Received writes(
            org.civic311.conversations.ConversationChannel channel, String id, String from, String text) {
        return inbox.receive(new org.civic311.conversations.IncomingMessage(
                null,
                channel,
                id,
                id,
                null,
                from,
                null,
                channel == org.civic311.conversations.ConversationChannel.EMAIL ? "A question" : null,
                text,
                clock.instant(),
                List.of(),
                null));
    }

    /** A text message from a number, its conversation: the number's, whatever it writes about. */
    long texts(String phone, String text) {
        return inbox.receive(InboxHttpTests.textAt(phone, text, clock.instant(), List.of()))
                .conversationId();
    }

    @Test
    void theInboxCountsHowSoonAPersonFirstAnsweredEachConversationByChannel() {
        LocalDate day = LocalDate.of(2027, 4, 14);
        clock.set(ZonedDateTime.of(day, java.time.LocalTime.of(9, 0), TORONTO).toInstant());
        long email = writes(
                        org.civic311.conversations.ConversationChannel.EMAIL,
                        "<first-answers-1@example.org>",
                        "first.answers@example.org",
                        "When does the leaf collection start this year?")
                .conversationId();
        writes(
                org.civic311.conversations.ConversationChannel.SMS,
                "SMfirstanswers0000000000000000002",
                "+14165550142",
                "Is the ferry running today?");
        // Answered at once by Civic311 itself, never by a person yet.
        writes(
                org.civic311.conversations.ConversationChannel.X,
                "1861000000000004141",
                "first_answers",
                "Smoke pouring out of the house next door and someone is inside");
        clock.advance(Duration.ofMinutes(25));
        inbox.claim(TORONTO_ID, email, "agent");
        inbox.reply(TORONTO_ID, email, "agent", "It starts on the 25th of October.", "^Sam R.");
        // A number that texts, is answered and closed, and texts again about something else: two matters, each
        // answered on its own (10 minutes, then 4).
        long texts = texts("+14165550143", "Is the pool open on Sunday?");
        clock.advance(Duration.ofMinutes(10));
        inbox.claim(TORONTO_ID, texts, "agent");
        inbox.reply(TORONTO_ID, texts, "agent", "Yes, from 1 to 5.", "^Sam R.");
        inbox.close(TORONTO_ID, texts, "agent", null);
        clock.advance(Duration.ofMinutes(60));
        assertThat(texts("+14165550143", "And the library on Monday?")).isEqualTo(texts);
        clock.advance(Duration.ofMinutes(4));
        inbox.claim(TORONTO_ID, texts, "agent");
        inbox.reply(TORONTO_ID, texts, "agent", "It opens at 9.", "^Sam R.");

        java.time.Instant from =
                ZonedDateTime.of(day, java.time.LocalTime.MIDNIGHT, TORONTO).toInstant();
        assertThat(firstAnswers.of(TORONTO_ID, from, from.plus(Duration.ofDays(1))))
                .containsExactly(
                        new org.civic311.conversations.FirstAnswers.ByChannel(
                                org.civic311.conversations.ConversationChannel.EMAIL, 1, 1, 25L),
                        new org.civic311.conversations.FirstAnswers.ByChannel(
                                org.civic311.conversations.ConversationChannel.SMS, 3, 2, 4L),
                        new org.civic311.conversations.FirstAnswers.ByChannel(
                                org.civic311.conversations.ConversationChannel.X, 1, 0, null));
    }

    @Test
    void durationsReadAsASupervisorWouldSayThem() {
        assertThat(DashboardScreens.duration(null)).isEqualTo("–");
        assertThat(DashboardScreens.duration(25L)).isEqualTo("25 min");
        assertThat(DashboardScreens.duration(185L)).isEqualTo("3 h 05 min");
        assertThat(DashboardScreens.duration(6000L)).isEqualTo("4 d 4 h");
    }
}
