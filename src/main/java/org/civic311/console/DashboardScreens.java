package org.civic311.console;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.civic311.catalog.Catalog;
import org.civic311.contacts.ContactFigures;
import org.civic311.contacts.ContactKind;
import org.civic311.contacts.Contacts;
import org.civic311.inquiries.Inquiries;
import org.civic311.inquiries.InquiryFigures;
import org.civic311.requests.Channel;
import org.civic311.requests.RequestFigures;
import org.civic311.requests.RequestWork;
import org.civic311.staff.StaffMember;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The supervisor's dashboard: the last two weeks, day by day and channel by channel: contacts, requests, inquiries,
 * time to first response, callback promises due, kept and broken, follow-ups overdue, service level breaches and the
 * places where a problem keeps coming back. The page refreshes its figures every minute.
 */
@Controller
class DashboardScreens {

    static final int DAYS = 14;
    private static final Map<Channel, String> CHANNEL_COLOURS = new EnumMap<>(Map.of(
            Channel.PHONE, "#004b87",
            Channel.WALK_IN, "#5a2a82",
            Channel.WEB, "#0b7a75",
            Channel.OPEN311, "#b36b00",
            Channel.EMAIL, "#8a3b12",
            Channel.SMS, "#2f6f2f",
            Channel.SOCIAL, "#b00020",
            Channel.IMPORT, "#767676"));

    private final Contacts contacts;
    private final RequestWork work;
    private final Inquiries inquiries;
    private final Catalog catalog;
    private final StaffAccess access;
    private final Clock clock;

    private final org.civic311.conversations.FirstAnswers firstAnswers;

    /** One agent's day, as the team table shows it. */
    record TeamMember(String agent, int contacts, boolean onOneNow, String medianHandling, int held) {}

    /**
     * Who of the team is working what: each agent's calls and visits today, whether they are on one now, the median
     * time one took, and the conversations they hold.
     */
    private List<TeamMember> team(String jurisdiction, java.time.Instant dayStart, java.time.Instant now) {
        Map<String, Integer> held = inbox.heldBy(jurisdiction);
        Map<String, TeamMember> team = new java.util.TreeMap<>();
        for (Contacts.AgentContacts day : contacts.byAgent(jurisdiction, dayStart, now)) {
            team.put(
                    day.agent(),
                    new TeamMember(
                            day.agent(),
                            day.contacts(),
                            day.onOneNow(),
                            day.medianSeconds() == null
                                    ? "–"
                                    : Math.max(1, Math.round(day.medianSeconds() / 60.0)) + " min",
                            held.getOrDefault(day.agent(), 0)));
        }
        held.forEach(
                (agent, conversations) -> team.putIfAbsent(agent, new TeamMember(agent, 0, false, "–", conversations)));
        return List.copyOf(team.values());
    }

    DashboardScreens(
            Contacts contacts,
            RequestWork work,
            Inquiries inquiries,
            Catalog catalog,
            StaffAccess access,
            Clock clock,
            org.civic311.conversations.FirstAnswers firstAnswers,
            org.civic311.conversations.Inbox inbox) {
        this.firstAnswers = firstAnswers;
        this.inbox = inbox;
        this.contacts = contacts;
        this.work = work;
        this.inquiries = inquiries;
        this.catalog = catalog;
        this.access = access;
        this.clock = clock;
    }

    private final org.civic311.conversations.Inbox inbox;

    /** A resident waiting this long in the inbox, held by nobody, turns the tile red. */
    static final java.time.Duration LONG_WAIT = java.time.Duration.ofHours(1);

    @GetMapping("/staff/dashboard")
    String dashboard(Authentication authentication, Model model) {
        StaffMember member = access.member(authentication);
        if (!member.oversees()) {
            throw new AccessDeniedException("the dashboard is for supervisors");
        }
        String jurisdiction = member.jurisdictionId();
        ZoneId zone = catalog.resolveJurisdiction(jurisdiction).timeZone();
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        LocalDate from = today.minusDays(DAYS - 1);
        List<LocalDate> days = from.datesUntil(today.plusDays(1)).toList();

        RequestFigures requests = work.figures(jurisdiction, from, today);
        List<ContactFigures> calls = contacts.figures(jurisdiction, from, today, zone);
        List<InquiryFigures> promises = inquiries.figures(jurisdiction, from, today, zone);

        Map<Channel, int[]> byChannel = new EnumMap<>(Channel.class);
        for (RequestFigures.ByChannel row : requests.requests()) {
            byChannel.computeIfAbsent(row.channel(), c -> new int[DAYS])[index(from, row.day())] += row.requests();
        }
        List<BarChart.Series> requestSeries = new ArrayList<>();
        byChannel.forEach((channel, values) ->
                requestSeries.add(new BarChart.Series(channelName(channel), CHANNEL_COLOURS.get(channel), values)));

        Map<ContactKind, int[]> byKind = new EnumMap<>(ContactKind.class);
        for (ContactKind kind : ContactKind.values()) {
            byKind.put(kind, new int[DAYS]);
        }
        calls.forEach(row -> byKind.get(row.kind())[index(from, row.day())] += row.contacts());

        int[] kept = new int[DAYS];
        int[] broken = new int[DAYS];
        int[] pending = new int[DAYS];
        int[] opened = new int[DAYS];
        for (InquiryFigures row : promises) {
            int i = index(from, row.day());
            kept[i] = row.kept();
            broken[i] = row.broken();
            pending[i] = row.pending();
            opened[i] = row.opened();
        }
        int[] breaches = new int[DAYS];
        int[] firstResponse = new int[DAYS];
        java.util.Arrays.fill(firstResponse, BarChart.Series.NONE);
        for (RequestFigures.Service row : requests.service()) {
            int i = index(from, row.day());
            breaches[i] = row.breaches();
            firstResponse[i] = row.medianFirstResponseMinutes() == null
                    ? BarChart.Series.NONE
                    : (int) Math.min(Integer.MAX_VALUE, row.medianFirstResponseMinutes());
        }

        int last = DAYS - 1;
        model.addAttribute("member", member);
        model.addAttribute("today", today);
        Long medianToday = requests.service().get(last).medianFirstResponseMinutes();
        int overdue = inquiries.followUpsOverdue(jurisdiction);
        // Now, not today's history: who is waiting for an answer that nobody has taken, and for how long.
        org.civic311.conversations.Inbox.Waiting waiting = inbox.waiting(jurisdiction);
        boolean longWait = waiting.oldest() != null
                && waiting.oldest().isBefore(clock.instant().minus(LONG_WAIT));
        model.addAttribute(
                "tiles",
                List.of(
                        new Tile("Contacts today", sum(byKind.values(), last), false),
                        new Tile("Requests today", sum(byChannel.values(), last), false),
                        new Tile("Inquiries today", opened[last], false),
                        new Tile("Callbacks due today", kept[last] + broken[last] + pending[last], false),
                        new Tile(
                                "Callbacks still owed",
                                inquiries.owed(jurisdiction).size(),
                                false,
                                "/staff/escalations#owed"),
                        new Tile("Callbacks kept today", kept[last], false),
                        new Tile("Callbacks broken today", broken[last], broken[last] > 0),
                        new Tile("Follow-ups overdue", overdue, overdue > 0, "/staff/inquiries/overdue"),
                        new Tile(
                                (longWait
                                                ? "Residents waiting in the inbox, one for over " + LONG_WAIT.toHours()
                                                        + " hour"
                                                : "Residents waiting in the inbox")
                                        + (waiting.emergencies() == 0
                                                ? ""
                                                : ", " + waiting.emergencies() + " of an emergency")
                                        + (waiting.heldWaiting() == 0
                                                ? ""
                                                : "; " + waiting.heldWaiting() + " more held by a colleague over "
                                                        + org.civic311.conversations.Inbox.HELD_WAIT.toMinutes()
                                                        + " min"),
                                waiting.count(),
                                longWait || waiting.emergencies() > 0 || waiting.heldWaiting() > 0,
                                "/staff/inbox?status=OPEN&owner=-&order=oldest"),
                        new Tile(
                                "Service level breaches today",
                                breaches[last],
                                breaches[last] > 0,
                                "/staff/escalations#requests")));
        model.addAttribute("medianToday", medianToday == null ? "none yet" : medianToday + " min");
        model.addAttribute("team", team(jurisdiction, today.atStartOfDay(zone).toInstant(), clock.instant()));
        model.addAttribute(
                "charts",
                List.of(
                        BarChart.stacked("Requests per day, by channel", days, requestSeries),
                        BarChart.stacked(
                                "Contacts per day",
                                days,
                                List.of(
                                        new BarChart.Series("calls", "#004b87", byKind.get(ContactKind.PHONE_CALL)),
                                        new BarChart.Series("walk-ins", "#5a2a82", byKind.get(ContactKind.WALK_IN)))),
                        BarChart.stacked(
                                "Inquiries logged per day",
                                days,
                                List.of(new BarChart.Series("inquiries", "#0b7a75", opened))),
                        BarChart.stacked(
                                "Callback promises by the day they were due",
                                days,
                                List.of(
                                        new BarChart.Series("kept", "#2f6f2f", kept),
                                        new BarChart.Series("broken", "#b00020", broken),
                                        new BarChart.Series("pending", "#b36b00", pending))),
                        BarChart.stacked(
                                "Service level breaches by the day requests were due",
                                days,
                                List.of(new BarChart.Series("breaches", "#b00020", breaches))),
                        BarChart.measures(
                                "Median minutes to first response of written requests, by the day they were made",
                                days,
                                new BarChart.Series("median minutes", "#004b87", firstResponse))));
        model.addAttribute(
                "timeliness",
                requests.timeliness().stream()
                        .map(row -> new TimelinessRow(
                                channelName(row.channel()),
                                row.requests(),
                                row.responded(),
                                duration(row.medianFirstResponseMinutes()),
                                row.resolved(),
                                duration(row.medianResolutionMinutes())))
                        .toList());
        model.addAttribute(
                "inboxTimeliness",
                firstAnswers
                        .of(
                                jurisdiction,
                                from.atStartOfDay(zone).toInstant(),
                                clock.instant().plusSeconds(1))
                        .stream()
                        .map(row -> new InboxTimelinessRow(
                                row.channel().label(),
                                row.conversations(),
                                row.answered(),
                                duration(row.medianMinutes())))
                        .toList());
        model.addAttribute("hotspots", requests.hotspots());
        model.addAttribute(
                "broken",
                inquiries.brokenSince(jurisdiction, from.atStartOfDay(zone).toInstant()));
        model.addAttribute(
                "people",
                catalog.people(jurisdiction).stream()
                        .collect(java.util.stream.Collectors.toMap(
                                org.civic311.catalog.Person::key, org.civic311.catalog.Person::name)));
        model.addAttribute("t", new DepartmentScreens.LocalTimes(zone));
        return "staff/dashboard";
    }

    /** A figure of today at the top of the dashboard; an alert turns it red. */
    record Tile(String label, int value, boolean alert, @Nullable String href) {

        Tile(String label, int value, boolean alert) {
            this(label, value, alert, null);
        }
    }

    /** A channel's line of the timeliness table, its medians written for people. */
    record TimelinessRow(
            String channel, int requests, int responded, String firstResponse, int resolved, String resolution) {}

    /** A channel's line of the inbox's table: how soon residents who wrote were answered by a person. */
    record InboxTimelinessRow(String channel, int conversations, int answered, String firstAnswer) {}

    /** Minutes as a supervisor reads them: "25 min", "3 h 05 min", "4 d 2 h"; a dash when there is none yet. */
    static String duration(@Nullable Long minutes) {
        if (minutes == null) {
            return "–";
        }
        if (minutes < 60) {
            return minutes + " min";
        }
        if (minutes < 48 * 60) {
            return String.format("%d h %02d min", minutes / 60, minutes % 60);
        }
        return String.format("%d d %d h", minutes / (24 * 60), minutes % (24 * 60) / 60);
    }

    private static int index(LocalDate from, LocalDate day) {
        return (int) (day.toEpochDay() - from.toEpochDay());
    }

    private static int sum(java.util.Collection<int[]> series, int day) {
        return series.stream().mapToInt(values -> values[day]).sum();
    }

    private static String channelName(Channel channel) {
        return switch (channel) {
            case PHONE -> "phone";
            case WALK_IN -> "walk-in";
            case WEB -> "web";
            case OPEN311 -> "apps (Open311)";
            case EMAIL -> "email";
            case SMS -> "SMS";
            case SOCIAL -> "social media";
            case IMPORT -> "imported";
        };
    }
}
