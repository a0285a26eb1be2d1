package org.civic311.catalog;

/** How a service type's requests are processed, as Open311 describes it to clients. */
public enum ServiceDelivery {
    /** Created at once, with an identifier in the answer. */
    REALTIME,
    /** Queued and processed in batches; the client receives a token. */
    BATCH,
    /** Accepted without any way to follow up. */
    BLACKBOX
}
