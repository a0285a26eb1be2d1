package org.civic311.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.List;
import org.civic311.catalog.BusinessCalendar;
import org.civic311.catalog.Jurisdiction;
import org.civic311.catalog.RequestStatus;
import org.civic311.catalog.Resolution;
import org.civic311.common.InvalidInputException;
import org.junit.jupiter.api.Test;

class WorkItemTests {

    static final Jurisdiction CITY = new Jurisdiction(
            "city.test",
            "Test City",
            ZoneId.of("America/Toronto"),
            null,
            null,
            List.of(
                    new RequestStatus("new", "New", false, true),
                    new RequestStatus("in_progress", "In progress", false, false),
                    new RequestStatus("completed", "Completed", true, false),
                    new RequestStatus("duplicate", "Duplicate", true, false)),
            BusinessCalendar.weekdays());

    static WorkItem fresh(long id) {
        return new WorkItem(id, "R" + id, "new", false, "SWM", null, null, null);
    }

    @Test
    void closingNeedsAResolutionAndAnExplanationForTheResident() {
        assertThatThrownBy(() -> fresh(1).transition(CITY, new Transition("completed", "Done.", null, null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("resolution is required to close a request");
        assertThatThrownBy(() -> fresh(1).transition(CITY, new Transition("completed", null, null, Resolution.FIXED)))
                .hasMessageStartingWith("publicNote is required to close a request");
        WorkItem closed =
                fresh(1).transition(CITY, new Transition("completed", "Fixed today.", null, Resolution.FIXED));
        assertThat(closed.closed()).isTrue();
        assertThat(closed.resolution()).isEqualTo(Resolution.FIXED);
    }

    @Test
    void aClosedRequestMustBeReopenedBeforeItMoves() {
        WorkItem closed = fresh(1).transition(CITY, new Transition("completed", "Fixed.", null, Resolution.FIXED));
        assertThatThrownBy(() -> closed.transition(CITY, new Transition("in_progress", "Back on it", null, null)))
                .hasMessageContaining("reopen it first");
        WorkItem reopened = closed.reopen(CITY.requireStatus("in_progress"));
        assertThat(reopened.closed()).isFalse();
        assertThat(reopened.resolution()).isNull();
        assertThatThrownBy(() -> reopened.reopen(CITY.requireStatus("in_progress")))
                .hasMessageContaining("it is open");
    }

    @Test
    void aDuplicateIsClosedOnlyByLinkingItToTheRequestItRepeats() {
        assertThatThrownBy(
                        () -> fresh(1).transition(CITY, new Transition("duplicate", "Seen.", null, Resolution.FIXED)))
                .hasMessageStartingWith("status Duplicate is given by marking the request as a duplicate");
        assertThatThrownBy(() ->
                        fresh(1).transition(CITY, new Transition("completed", "Seen.", null, Resolution.DUPLICATE)))
                .hasMessageStartingWith("resolution DUPLICATE is given by marking the request as a duplicate");
    }

    @Test
    void aResolutionBelongsOnlyToClosing() {
        assertThatThrownBy(
                        () -> fresh(1).transition(CITY, new Transition("in_progress", "On it", null, Resolution.FIXED)))
                .hasMessage("resolution is only given when closing a request");
    }

    @Test
    void theSameStatusTakesANoteButIsNotAChangeWithoutOne() {
        assertThatThrownBy(() -> fresh(1).transition(CITY, new Transition("new", null, null, null)))
                .hasMessageContaining("add a note instead");
        assertThat(fresh(1).transition(CITY, new Transition("new", null, "Crew booked for Thursday", null))
                        .statusCode())
                .as("an internal note with the status left as it was")
                .isEqualTo("new");
    }

    @Test
    void anUnknownStatusIsRefused() {
        assertThatThrownBy(() -> fresh(1).transition(CITY, new Transition("teleported", "x", null, null)))
                .hasMessage("status 'teleported' is not a status of Test City");
    }

    @Test
    void notOursEmptiesTheQueueAndTheHolder() {
        WorkItem returned = fresh(1).assign("crew 7").returnTo311();
        assertThat(returned.departmentCode()).isNull();
        assertThat(returned.assignee()).isNull();
        assertThatThrownBy(returned::returnTo311).hasMessageContaining("already empty");
    }

    @Test
    void aTransferGoesToAnotherDepartmentAndFreesTheRequest() {
        WorkItem moved = fresh(1).assign("crew 7").transfer("TSRO");
        assertThat(moved.departmentCode()).isEqualTo("TSRO");
        assertThat(moved.assignee()).isNull();
        assertThatThrownBy(() -> moved.transfer("TSRO")).hasMessage("department is already TSRO");
    }

    @Test
    void aDuplicateClosesIntoAnOpenOriginal() {
        WorkItem duplicate = fresh(2).duplicateOf(fresh(1), CITY.requireStatus("duplicate"));
        assertThat(duplicate.closed()).isTrue();
        assertThat(duplicate.parentId()).isEqualTo(1L);
        assertThat(duplicate.resolution()).isEqualTo(Resolution.DUPLICATE);
        assertThatThrownBy(() -> fresh(1).duplicateOf(fresh(1), CITY.requireStatus("duplicate")))
                .hasMessage("parent cannot be the request itself");
        assertThatThrownBy(() -> fresh(3).duplicateOf(duplicate, CITY.requireStatus("duplicate")))
                .hasMessageContaining("is closed");
    }
}
