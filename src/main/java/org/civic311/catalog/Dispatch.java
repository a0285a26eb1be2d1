package org.civic311.catalog;

/** Where a routed request goes: a department's own work queue, or out of Civic311 to whoever does the work. */
public sealed interface Dispatch {

    /** How staff name it: "to its queue", "by email to …", "by Open311 to …" (the key never shown). */
    default String describe() {
        return switch (this) {
            case Queue queue -> "to its queue";
            case Email email -> "by email to " + email.address();
            case Open311 open311 -> "by Open311 to " + open311.endpoint();
        };
    }

    /** Worked in Civic311 by the department's staff. */
    record Queue() implements Dispatch {}

    /** Sent by email to a department's address (a contractor, a division without Civic311 accounts). */
    record Email(String address) implements Dispatch {}

    /** Sent to another system's Open311 endpoint, where it is worked; Civic311 keeps the external id. */
    record Open311(String endpoint, String apiKey, String serviceCode) implements Dispatch {}
}
