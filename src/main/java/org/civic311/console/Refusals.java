package org.civic311.console;

import java.util.regex.Pattern;
import org.civic311.common.InvalidInputException;

/**
 * A refusal said to staff as a sentence. A module phrases the problem to follow the field it names ("is required"), or
 * as a sentence of its own ("the conversation is held by agent"): the first is said after the field, in words, and the
 * second alone, rather than "owner the conversation is held by agent".
 */
final class Refusals {

    private static final Pattern FOLLOWS_THE_FIELD = Pattern.compile(
            "(?:is|are|must|cannot|can|has|have|was|were|needs|may|ends|contains|does|should)\\b.*", Pattern.DOTALL);

    private Refusals() {}

    static String said(InvalidInputException e) {
        String problem = e.problem().strip();
        String sentence = FOLLOWS_THE_FIELD.matcher(problem).matches() ? inWords(e.field()) + " " + problem : problem;
        if (sentence.isEmpty()) {
            return sentence;
        }
        sentence = Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
        return sentence.endsWith(".") || sentence.endsWith("?") ? sentence : sentence + ".";
    }

    /** "followUp" as "follow up", "answers.SIZE" as "answers size". */
    private static String inWords(String field) {
        return field.replaceAll("([a-z])([A-Z])", "$1 $2").replace('.', ' ').toLowerCase(java.util.Locale.ROOT);
    }
}
