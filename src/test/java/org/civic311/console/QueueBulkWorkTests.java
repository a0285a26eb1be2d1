package org.civic311.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** After changing the ticked requests, staff are back on the queue as they had filtered it, and nowhere else. */
class QueueBulkWorkTests {

    @Test
    void theQueueComesBackWithItsOwnFiltersOnly() {
        assertThat(QueueBulkWork.queue("SWM", "status=new&service=SWLMALB-02&q=bins%20on%20the%20road&next=//evil"))
                .isEqualTo("/staff/queues/SWM?status=new&service=SWLMALB-02&q=bins%20on%20the%20road");
        assertThat(QueueBulkWork.queue("SWM", "late=on&ward=10&held=Crew%207"))
                .as("the overdue list stays the overdue list")
                .isEqualTo("/staff/queues/SWM?late=on&ward=10&held=Crew%207");
        assertThat(QueueBulkWork.queue("SWM", "")).isEqualTo("/staff/queues/SWM");
        assertThat(QueueBulkWork.queue("SWM", "q=%zz")).isEqualTo("/staff/queues/SWM");
        assertThat(QueueBulkWork.queue("SWM", "q=a\r\nLocation: //evil")).doesNotContain("\r", "\n");
    }

    @Test
    void aSearchWithBracesOrAPlusComesBackAsItWasTypedNotAsAPlaceholder() {
        assertThat(QueueBulkWork.queue("SWM", "q=%7Bcrew%7D%20c%2B%2B"))
                .isEqualTo("/staff/queues/SWM?q=%7Bcrew%7D%20c%2B%2B");
        assertThat(ContactScreens.withTheReason("/staff/knowledge", "q", " Is {date} the pickup day? 1+1 ", 42))
                .isEqualTo("redirect:/staff/knowledge?q=Is%20%7Bdate%7D%20the%20pickup%20day%3F%201%2B1&contact=42");
    }
}
