package org.civic311.conversations;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The words a resident wrote in a reply by mail, without what their mail program quoted below or between them: our
 * own earlier reply ("a crew is on its way to the downed wire") would otherwise be read as theirs, and triaged as an
 * emergency. A forwarded message is what they chose to send, and stays.
 */
final class QuotedReply {

    /** "On Tue, 24 Nov 2026, 311 <…> wrote:", in the languages the city answers in; some programs wrap it in two. */
    private static final Pattern ATTRIBUTION = Pattern.compile(
            "^\\s*(on|le|el)\\b.{0,300}\\b(wrote|a écrit|escribió)\\s*:\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private static final Pattern ORIGINAL_MESSAGE = Pattern.compile(
            "^\\s*-{2,}\\s*(original message|message d'origine|mensaje original)\\s*-{2,}\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** Outlook quotes with a header block and no marks: "From: …" followed by "Sent: …" or "Date: …". */
    private static final Pattern HEADER_FROM =
            Pattern.compile("^\\s*\\*?(from|de)\\s*:\\*?\\s+\\S.*$", Pattern.CASE_INSENSITIVE);

    private static final Pattern HEADER_SENT = Pattern.compile(
            "^\\s*\\*?(sent|date|envoyé|enviado)\\s*:\\*?\\s+\\S.*$", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private static final Pattern SEPARATOR = Pattern.compile("^\\s*(_{8,}|-{8,})\\s*$");

    private static final Pattern FORWARDED = Pattern.compile(
            "forwarded message|message transféré|mensaje reenviado", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** A subject that says the mail forwards another: "Fwd:", "FW:", "TR:", "RV:". */
    private static final Pattern FORWARD_SUBJECT = Pattern.compile("^\\s*(fwd?|tr|rv)\\s*:", Pattern.CASE_INSENSITIVE);

    private QuotedReply() {}

    /**
     * The reply's own words; the whole text when nothing else is left (a message is never emptied).
     *
     * @param subject the mail's subject: a forwarded mail's header block is what the resident sends, not a quote
     */
    static String newWords(String text, @org.jspecify.annotations.Nullable String subject) {
        boolean forwarding = subject != null && FORWARD_SUBJECT.matcher(subject).find();
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        // Below "-----Original Message-----" or Outlook's header block, everything is the earlier mail, unmarked.
        int end = lines.length;
        for (int i = 0; i < lines.length && end == lines.length; i++) {
            if (ORIGINAL_MESSAGE.matcher(lines[i]).matches()
                    || (!forwarding
                            && HEADER_FROM.matcher(lines[i]).matches()
                            && headerFollows(lines, i + 1)
                            && !forwardedAbove(lines, i))) {
                end = i;
            }
        }
        // Outlook rules a line above its header block.
        while (end > 0
                && (lines[end - 1].isBlank()
                        || SEPARATOR.matcher(lines[end - 1]).matches())) {
            end--;
        }
        // Above it, the quoted lines and the line that introduces them go; what the resident wrote between them stays.
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < end; i++) {
            String withNext = i + 1 < end ? lines[i] + " " + lines[i + 1] : lines[i];
            if (ATTRIBUTION.matcher(lines[i]).matches() && quotedFollows(lines, i + 1)) {
                continue;
            }
            if (ATTRIBUTION.matcher(withNext).matches() && quotedFollows(lines, i + 2)) {
                i++;
                continue;
            }
            if (!lines[i].stripLeading().startsWith(">")) {
                kept.add(lines[i]);
            }
        }
        String words = String.join("\n", kept).strip();
        return words.isEmpty() ? text : words;
    }

    /** An attribution line is one when quoted lines (or nothing) come after it. */
    private static boolean quotedFollows(String[] lines, int from) {
        for (int i = from; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                return lines[i].stripLeading().startsWith(">");
            }
        }
        return true;
    }

    private static boolean forwardedAbove(String[] lines, int at) {
        for (int i = Math.max(0, at - 2); i < at; i++) {
            if (FORWARDED.matcher(lines[i]).find()) {
                return true;
            }
        }
        return false;
    }

    private static boolean headerFollows(String[] lines, int from) {
        for (int i = from; i < Math.min(lines.length, from + 4); i++) {
            if (HEADER_SENT.matcher(lines[i]).matches()) {
                return true;
            }
        }
        return false;
    }
}
