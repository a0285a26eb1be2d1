package org.civic311.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubmittedRequestTests {

    static SubmittedRequest filed(int repeatCount, String escalatedTo) {
        return new SubmittedRequest("1000001", "token", null, List.of(), repeatCount, escalatedTo);
    }

    @Test
    void staffAreToldOfARepeatOnlyAsFarAsSomeoneWasEscalatedTo() {
        assertThat(filed(0, null).repeatSaid()).isNull();
        assertThat(filed(4, "Nadia Abernathy").repeatSaid())
                .isEqualTo("Repeat problem: report 4 here; escalated to the area's supervisor, Nadia Abernathy.");
        assertThat(filed(5, null).repeatSaid())
                .isEqualTo("Repeat problem: report 5 here; its supervisor was already told of it, or none answers for"
                        + " the area.");
    }
}
