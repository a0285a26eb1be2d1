package org.civic311.requests;

import java.util.regex.Pattern;
import org.civic311.common.InvalidInputException;

/** The channels in which followers hear about a request, each with the form of its address. */
public enum FollowerChannel {
    EMAIL(Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]{2,63}"), "an email address"),
    SMS(Pattern.compile("\\+?[0-9]{7,15}"), "a phone number of 7 to 15 digits"),
    /**
     * A reply in the thread of the X post the report came from, or, for a report sent as a direct message, a direct
     * message to its sender ({@code dm:} and their numeric id).
     */
    X(Pattern.compile("(dm:)?[0-9]{1,20}"), "the numeric id of an X post, or dm: and the numeric id of an X user"),
    /**
     * A reply in the thread of the status the report came from on a Mastodon server (or any fediverse server that
     * speaks the Mastodon API).
     */
    FEDIVERSE(Pattern.compile("[A-Za-z0-9]{1,40}"), "the id of a Mastodon status");

    private final Pattern address;
    private final String description;

    FollowerChannel(Pattern address, String description) {
        this.address = address;
        this.description = description;
    }

    /**
     * The address in canonical form (phone numbers without spaces or punctuation, email addresses in lower case, as
     * mail servers read them), or a refusal.
     */
    public String normalise(String raw) {
        String value =
                switch (this) {
                    case SMS -> raw.replaceAll("[\\s().\\-]", "");
                    case EMAIL -> raw.strip().toLowerCase(java.util.Locale.ROOT);
                    case X, FEDIVERSE -> raw.strip();
                };
        if (!address.matcher(value).matches()) {
            throw new InvalidInputException("address", "must be " + description + " for " + name() + " followers");
        }
        return value;
    }
}
