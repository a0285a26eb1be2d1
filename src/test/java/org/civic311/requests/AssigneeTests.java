package org.civic311.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.civic311.common.InvalidInputException;
import org.civic311.staff.Role;
import org.civic311.staff.StaffMember;
import org.junit.jupiter.api.Test;

class AssigneeTests {

    private static final StaffMember SAM =
            new StaffMember("swm.sam", "Sam Okafor", "Driver", Set.of(Role.DEPARTMENT_STAFF), "t", "SWM", null);
    private static final StaffMember PARKS =
            new StaffMember("parks.kim", "Kim Lau", "Gardener", Set.of(Role.DEPARTMENT_STAFF), "t", "PFR", null);

    @Test
    void typingSlipsOfAnAccountNameAreOneSlipApart() {
        assertThat(Assignee.oneSlipApart("swm.sm", "swm.sam")).as("left out").isTrue();
        assertThat(Assignee.oneSlipApart("swm.saam", "swm.sam")).as("added").isTrue();
        assertThat(Assignee.oneSlipApart("swm.sem", "swm.sam")).as("changed").isTrue();
        assertThat(Assignee.oneSlipApart("swm.asm", "swm.sam")).as("swapped").isTrue();
        assertThat(Assignee.oneSlipApart("swm.sam", "swm.sam")).as("the same").isFalse();
        assertThat(Assignee.oneSlipApart("swm.xsx", "swm.sam"))
                .as("two changes")
                .isFalse();
        assertThat(Assignee.oneSlipApart("swm", "swm.sam")).as("four left out").isFalse();
    }

    @Test
    void aColleagueIsPutDownByTheirAccountWhateverTheCaseOrByTheirDisplayName() {
        assertThat(Assignee.chosen("SWM.Sam", Optional.empty(), List.of(SAM), "SWM"))
                .isEqualTo("swm.sam");
        assertThat(Assignee.chosen(" sam okafor ", Optional.empty(), List.of(SAM), "SWM"))
                .isEqualTo("swm.sam");
        assertThat(Assignee.chosen("swm.sam", Optional.of(SAM), List.of(SAM), "SWM"))
                .isEqualTo("swm.sam");
    }

    @Test
    void aCrewIsPutDownAsNamedButANameOneSlipFromAColleaguesAccountIsRefused() {
        assertThat(Assignee.chosen("Crew 7", Optional.empty(), List.of(SAM), "SWM"))
                .isEqualTo("Crew 7");
        assertThat(Assignee.chosen("swm.sm 2", Optional.empty(), List.of(SAM), "SWM"))
                .as("a name with a space is not an account's")
                .isEqualTo("swm.sm 2");
        assertThatThrownBy(() -> Assignee.chosen("swm.sm", Optional.empty(), List.of(SAM), "SWM"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("did you mean swm.sam (Sam Okafor)?");
    }

    @Test
    void aCrewTypedInOtherCaseOrSpacingIsPutDownAsItAlreadyGoes() {
        List<String> crews = List.of("Crew 7", "Crew 7 (Harbourfront)", "swm.sam");
        assertThat(Assignee.chosen(" crew   7", Optional.empty(), List.of(SAM), crews, "SWM"))
                .isEqualTo("Crew 7");
        assertThat(Assignee.chosen("CREW 7 (harbourfront)", Optional.empty(), List.of(SAM), crews, "SWM"))
                .isEqualTo("Crew 7 (Harbourfront)");
        assertThat(Assignee.chosen("Crew 8", Optional.empty(), List.of(SAM), crews, "SWM"))
                .as("a new crew as typed")
                .isEqualTo("Crew 8");
    }

    @Test
    void aColleagueWhoDoesNotWorkTheQueueIsRefusedAndAnEmptyOrLongNameToo() {
        assertThatThrownBy(() -> Assignee.chosen("parks.kim", Optional.of(PARKS), List.of(SAM), "SWM"))
                .hasMessageContaining("Kim Lau (parks.kim) does not work this request's queue");
        assertThatThrownBy(() -> Assignee.chosen("  ", Optional.empty(), List.of(SAM), "SWM"))
                .hasMessageContaining("must name a person or crew");
        assertThatThrownBy(() -> Assignee.chosen("x".repeat(101), Optional.empty(), List.of(SAM), "SWM"))
                .hasMessageContaining("at most 100 characters");
    }
}
