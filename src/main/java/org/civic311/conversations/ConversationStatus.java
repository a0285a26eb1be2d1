package org.civic311.conversations;

/** Where a conversation stands: waiting for an answer, answered, or closed. */
public enum ConversationStatus {
    OPEN,
    ANSWERED,
    CLOSED
}
