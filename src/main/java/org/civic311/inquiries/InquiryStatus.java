package org.civic311.inquiries;

/** Where an inquiry stands. */
public enum InquiryStatus {
    OPEN,
    ESCALATED,
    ANSWERED,
    CLOSED
}
