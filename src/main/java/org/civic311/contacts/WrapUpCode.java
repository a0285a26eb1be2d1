package org.civic311.contacts;

/** How a contact ended, as the agent codes it when wrapping up. */
public enum WrapUpCode {
    ANSWERED("Answered from the knowledge base"),
    REQUEST_CREATED("Service request created"),
    INQUIRY_LOGGED("Inquiry logged and escalated"),
    STATUS_GIVEN("Status of an existing request given"),
    TRANSFERRED("Transferred to another line"),
    EMERGENCY_911("Emergency: referred to 911"),
    NOT_CITY_SERVICE("Not a city service: referred elsewhere"),
    DROPPED("Caller hung up or left");

    private final String label;

    WrapUpCode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
