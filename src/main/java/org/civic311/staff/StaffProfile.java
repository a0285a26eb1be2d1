package org.civic311.staff;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A staff member's profile: what colleagues and residents see of them.
 *
 * @param publicName the name used in public replies (social media, SMS); until they choose one, their first name
 *     and the initial of their last ("Jordan D."), never the full name of their display name
 * @param photoPath where their photo is served, when they have one
 * @param signature whether public replies are signed with the public name or with its initials
 */
public record StaffProfile(
        String username,
        String displayName,
        String title,
        @Nullable String team,
        String publicName,
        @Nullable String photoPath,
        Signature signature) {

    /** How a staff member signs public replies. */
    public enum Signature {
        NAME,
        INITIALS
    }

    /** The sign-off of a public reply: "^Sam R." or "^SR", the usual form of a named agent's signature. */
    public String signOff() {
        return "^" + signedName();
    }

    /** The name they sign with: their public name, or its initials when they chose those. */
    public String signedName() {
        return signature == Signature.NAME ? publicName : initials(publicName);
    }

    /** "Jordan Alexander Doe" as a reply is signed by default: "Jordan D.". */
    static String shortName(String displayName) {
        String[] words = displayName.strip().split("\\s+");
        if (words.length < 2) {
            return words[0];
        }
        String last = words[words.length - 1];
        return words[0] + " " + last.substring(0, last.offsetByCodePoints(0, 1)).toUpperCase(Locale.ROOT) + ".";
    }

    static String initials(String name) {
        return Arrays.stream(name.strip().split("[\\s.\\-]+"))
                .filter(part -> !part.isEmpty())
                .map(part -> part.substring(0, 1).toUpperCase(Locale.ROOT))
                .collect(Collectors.joining());
    }
}
