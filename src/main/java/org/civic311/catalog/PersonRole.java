package org.civic311.catalog;

/** What a person in the directory is responsible for in a department. */
public enum PersonRole {
    MANAGER,
    SUPERVISOR,
    STAFF
}
