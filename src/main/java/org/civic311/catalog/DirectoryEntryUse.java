package org.civic311.catalog;

import java.util.Optional;

/**
 * What another module still needs a person of the directory for: open work that would reach no one if they left. A
 * module that names people by their key implements it, and the catalogue asks each before it takes someone out.
 */
public interface DirectoryEntryUse {

    /**
     * What still needs this person, said so an administrator can act on it ("3 open requests are escalated to
     * them"), or empty when nothing does.
     */
    Optional<String> stillNeeds(String jurisdictionId, String key);

    /**
     * Hands what still needs the person to another, as when someone leaves: recorded on each piece of work moved.
     *
     * @return what was handed over, said for the directory's log ("4 open requests"), or empty when nothing was
     */
    Optional<String> handOver(String jurisdictionId, String from, String to, String actor);
}
