package org.civic311.requests;

import org.civic311.catalog.Jurisdiction;
import org.civic311.catalog.RequestStatus;
import org.civic311.catalog.Resolution;
import org.civic311.common.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * A request as work: its status, the queue it is in, who holds it, how it ended. Every change checks that it is
 * allowed and returns the new state; nothing here touches the database.
 */
record WorkItem(
        long id,
        String publicId,
        String statusCode,
        boolean closed,
        @Nullable String departmentCode,
        @Nullable String assignee,
        @Nullable Resolution resolution,
        @Nullable Long parentId) {

    /** The status a request closed as a duplicate takes, where the city's statuses have one. */
    static final String DUPLICATE_STATUS = "duplicate";

    WorkItem transition(Jurisdiction jurisdiction, Transition transition) {
        RequestStatus to = jurisdiction.requireStatus(transition.statusCode());
        if (transition.seenStatus() != null
                && !transition.seenStatus().equals(statusCode)
                && !to.code().equals(statusCode)) {
            // Two dispatchers on one request: the second, writing on the page as it was, would otherwise move it
            // back to the status they saw and tell every follower so. The same change sent again (a slow answer
            // clicked twice) already holds, and is not a colleague's.
            throw new InvalidInputException(
                    "seenStatus",
                    "is now " + jurisdiction.requireStatus(statusCode).name()
                            + ": it was changed since this page was opened, and nothing was changed now. Read the"
                            + " request again, then send your change");
        }
        // A duplicate is closed by linking it to the request it repeats, which its followers then follow; closed
        // without the link, they would hear no more of a problem the city is still working on.
        if (to.closed() && to.code().equals(DUPLICATE_STATUS)) {
            throw new InvalidInputException(
                    "status", "Duplicate is given by marking the request as a duplicate of the one it repeats");
        }
        if (transition.resolution() == Resolution.DUPLICATE) {
            throw new InvalidInputException(
                    "resolution", "DUPLICATE is given by marking the request as a duplicate of the one it repeats");
        }
        if (closed && to.closed()) {
            throw new InvalidInputException("status", "cannot close request " + publicId + ": it is already closed");
        }
        if (closed) {
            throw new InvalidInputException("status", "cannot move closed request " + publicId + ": reopen it first");
        }
        if (to.closed()) {
            if (transition.resolution() == null) {
                throw new InvalidInputException("resolution", "is required to close a request");
            }
            if (transition.publicNote() == null) {
                throw new InvalidInputException(
                        "publicNote", "is required to close a request: explain the outcome to the resident");
            }
        } else if (transition.resolution() != null) {
            throw new InvalidInputException("resolution", "is only given when closing a request");
        }
        if (to.code().equals(statusCode) && transition.publicNote() == null && transition.internalNote() == null) {
            throw new InvalidInputException("status", "is already " + to.name() + "; add a note instead");
        }
        return new WorkItem(
                id, publicId, to.code(), to.closed(), departmentCode, assignee, transition.resolution(), parentId);
    }

    /**
     * Held by the one taking it. A request a colleague holds is not taken from under them by a click on a queue seen
     * a moment earlier: that is a hand-over, made by assigning it.
     */
    WorkItem take(String taker) {
        requireOpen("take");
        if (assignee != null && !assignee.equals(taker)) {
            throw new InvalidInputException(
                    "assignee", "request " + publicId + " is held by " + assignee + "; assign it to take it over");
        }
        return assign(taker);
    }

    /**
     * Assigned by someone who saw it held by {@code seen} (nobody when null): a hand-over made on a page that a
     * colleague's assignment has since overtaken is refused, rather than taking the request from whoever has it now.
     */
    WorkItem assign(String to, @Nullable String seen) {
        requireHeldAsSeen(seen);
        return assign(to);
    }

    /**
     * Back in the queue, held by nobody: a wrong assignment undone, or a crew that cannot do it, so that the request
     * is among those a dispatcher hands out. Refused, like an assignment, when a colleague has reassigned it since
     * {@code seen} held it.
     */
    WorkItem release(String seen) {
        requireOpen("put back in the queue");
        if (assignee == null) {
            throw new InvalidInputException("assignee", "is nobody already: the request is in the queue");
        }
        requireHeldAsSeen(seen);
        return new WorkItem(id, publicId, statusCode, closed, departmentCode, null, resolution, parentId);
    }

    /** Refuses a change of holder made on a page that a colleague's assignment has since overtaken. */
    private void requireHeldAsSeen(@Nullable String seen) {
        if (!java.util.Objects.equals(seen, assignee)) {
            throw new InvalidInputException(
                    "assignee",
                    (assignee == null ? "is now nobody" : "is now " + assignee)
                            + ": the request was assigned since this page was opened, and nothing was changed now."
                            + " Read the request again first");
        }
    }

    WorkItem assign(String to) {
        requireOpen("assign");
        return new WorkItem(id, publicId, statusCode, closed, departmentCode, to, resolution, parentId);
    }

    WorkItem transfer(String department) {
        requireOpen("transfer");
        if (department.equals(departmentCode)) {
            throw new InvalidInputException("department", "is already " + department);
        }
        return new WorkItem(id, publicId, statusCode, closed, department, null, resolution, parentId);
    }

    /**
     * Another type of problem, routed to {@code department}: whoever held it keeps it if the queue stays the same.
     */
    WorkItem recategorise(@Nullable String department) {
        requireOpen("change the type of");
        boolean sameQueue = java.util.Objects.equals(department, departmentCode);
        return new WorkItem(
                id, publicId, statusCode, closed, department, sameQueue ? assignee : null, resolution, parentId);
    }

    /** The same work at a corrected place: only an open request's place is corrected. */
    WorkItem relocate() {
        requireOpen("correct the place of");
        return this;
    }

    /** A new due day, for work that waits on something outside the department (a resident, a booked pickup). */
    WorkItem reschedule() {
        requireOpen("move the due day of");
        return this;
    }

    /** "Not ours": the department gives the request back to 311 to be routed again. */
    WorkItem returnTo311() {
        requireOpen("return");
        if (departmentCode == null) {
            throw new InvalidInputException("department", "is already empty: the request is with 311");
        }
        return new WorkItem(id, publicId, statusCode, closed, null, null, resolution, parentId);
    }

    /** "Closed, not fixed": back into the department's queue. */
    WorkItem reopen(RequestStatus open) {
        if (!closed) {
            throw new InvalidInputException("status", "cannot reopen request " + publicId + ": it is open");
        }
        // Back to the queue's dispatcher, not to whoever closed it without fixing it.
        return new WorkItem(id, publicId, open.code(), false, departmentCode, null, null, null);
    }

    /**
     * A close made by mistake, undone: back to the status it had, with its holder; its due date, and any breach of
     * it, are as they were, unlike a reopening, which gives the department the type's whole time again.
     */
    WorkItem undoClose(RequestStatus before) {
        checkCloseUndoable();
        if (before.closed()) {
            throw new InvalidInputException("status", "the status before the close, " + before.name() + ", is closed");
        }
        return new WorkItem(id, publicId, before.code(), false, departmentCode, assignee, null, null);
    }

    /** Refuses an open request, and one closed as a duplicate, whose followers moved to the one it repeats. */
    void checkCloseUndoable() {
        if (!closed) {
            throw new InvalidInputException("status", "request " + publicId + " is open: there is no close to undo");
        }
        if (parentId != null) {
            throw new InvalidInputException(
                    "status",
                    "request " + publicId + " was closed as a duplicate, and its followers moved to the one it"
                            + " repeats: reopen it instead");
        }
    }

    WorkItem duplicateOf(WorkItem parent, RequestStatus closedAsDuplicate) {
        requireOpen("mark as duplicate");
        if (parent.id == id) {
            throw new InvalidInputException("parent", "cannot be the request itself");
        }
        if (parent.closed) {
            throw new InvalidInputException("parent", parent.publicId + " is closed; link to an open request");
        }
        if (parent.parentId != null) {
            throw new InvalidInputException("parent", parent.publicId + " is itself a duplicate");
        }
        return new WorkItem(
                id,
                publicId,
                closedAsDuplicate.code(),
                true,
                departmentCode,
                assignee,
                Resolution.DUPLICATE,
                parent.id);
    }

    private void requireOpen(String action) {
        if (closed) {
            throw new InvalidInputException("status", "cannot " + action + " closed request " + publicId);
        }
    }
}
