package org.civic311.knowledge;

/** Who may read an article: residents too, or staff only. */
public enum Audience {
    PUBLIC,
    STAFF
}
