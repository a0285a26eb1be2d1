package org.civic311.catalog;

/**
 * Someone left the people directory: nothing can be escalated to them any more, and whatever named them (a staff
 * account's link to its entry) lets go of the key. Past escalations and promises keep it, as history.
 */
public record DirectoryEntryRemoved(String jurisdictionId, String key, String actor) {}
