package org.civic311.requests;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.civic311.common.InvalidInputException;
import org.civic311.common.PlainText;
import org.civic311.staff.StaffMember;
import org.jspecify.annotations.Nullable;

/**
 * Who a request is assigned to: a colleague by their account, so that it is in their "Mine", or a crew (or a
 * contractor) by the name it goes by. A colleague named by their display name, or in other letters' case, is put
 * down by their account; a name one slip away from a colleague's account is refused, since as a crew's name it would
 * put the request in nobody's "Mine".
 */
final class Assignee {

    static final int MAX_LENGTH = 100;

    private Assignee() {}

    static String chosen(
            @Nullable String typed,
            Optional<StaffMember> account,
            List<StaffMember> queueStaff,
            @Nullable String department) {
        return chosen(typed, account, queueStaff, List.of(), department);
    }

    /**
     * @param account the enabled account the name is, exactly, if any (in any department)
     * @param queueStaff the enabled accounts of the request's department
     * @param crews the names the department's open requests are held by now: a crew typed in other letters' case or
     *     spacing is put down as it already goes, so that its list and the "held by" filter find all its work
     * @param department the request's department (null: returned to 311)
     */
    static String chosen(
            @Nullable String typed,
            Optional<StaffMember> account,
            List<StaffMember> queueStaff,
            List<String> crews,
            @Nullable String department) {
        String name = PlainText.singleLine(typed);
        if (name == null || name.length() > MAX_LENGTH) {
            throw new InvalidInputException(
                    "assignee", "must name a person or crew in at most " + MAX_LENGTH + " characters");
        }
        if (account.isPresent()) {
            StaffMember member = account.get();
            if (!member.canWork(department)) {
                throw new InvalidInputException(
                        "assignee",
                        member.displayName() + " (" + member.username()
                                + ") does not work this request's queue: transfer it to their department instead");
            }
            return member.username();
        }
        String folded = name.toLowerCase(Locale.ROOT);
        for (StaffMember colleague : queueStaff) {
            if (colleague.username().toLowerCase(Locale.ROOT).equals(folded)
                    || colleague.displayName().toLowerCase(Locale.ROOT).equals(folded)) {
                return colleague.username();
            }
        }
        String crew = crewKey(name);
        for (String held : crews) {
            if (crewKey(held).equals(crew)) {
                return held;
            }
        }
        if (name.chars().noneMatch(Character::isWhitespace)) {
            for (StaffMember colleague : queueStaff) {
                if (oneSlipApart(folded, colleague.username().toLowerCase(Locale.ROOT))) {
                    throw new InvalidInputException(
                            "assignee",
                            "no colleague's account is " + name + ": did you mean " + colleague.username() + " ("
                                    + colleague.displayName() + ")? A crew is named as it is known, such as Crew 7");
                }
            }
        }
        return name;
    }

    /** A crew's name as compared: "Crew  7" and "crew 7" are one crew. */
    private static String crewKey(String name) {
        return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** One letter added, left out, changed, or two side by side swapped: the slips of typing an account name. */
    static boolean oneSlipApart(String a, String b) {
        if (a.equals(b) || Math.abs(a.length() - b.length()) > 1) {
            return false;
        }
        int start = 0;
        while (start < Math.min(a.length(), b.length()) && a.charAt(start) == b.charAt(start)) {
            start++;
        }
        int endA = a.length();
        int endB = b.length();
        while (endA > start && endB > start && a.charAt(endA - 1) == b.charAt(endB - 1)) {
            endA--;
            endB--;
        }
        int leftA = endA - start;
        int leftB = endB - start;
        if (leftA + leftB <= 1 || (leftA == 1 && leftB == 1)) {
            return true;
        }
        return leftA == 2
                && leftB == 2
                && a.charAt(start) == b.charAt(start + 1)
                && a.charAt(start + 1) == b.charAt(start);
    }
}
