package org.civic311.inquiries;

import org.jspecify.annotations.Nullable;

/**
 * Who is acting on an inquiry, as far as inquiries need to know: a promise's callback is recorded by the person it
 * was promised for, a follow-up completed by the agent it came back to, or either by someone who oversees them.
 *
 * @param username the staff account
 * @param personKey their entry in the people directory, if they have one
 * @param oversees whether they oversee the contact centre's promises and follow-ups (supervisors, administrators)
 */
public record Acting(String username, @Nullable String personKey, boolean oversees) {

    /** A person's queue of escalations names whom to call: it is theirs, and their overseers'. */
    public boolean mayReadEscalationsOf(String person) {
        return oversees || person.equals(personKey);
    }

    /** An agent's follow-ups are theirs, and their overseers'. */
    public boolean mayReadFollowUpsOf(String owner) {
        return oversees || owner.equals(username);
    }

    /** By the person it was promised for, whoever stands in for them, or their overseers. */
    boolean mayRecord(CallbackPromise promise) {
        return oversees
                || promise.personKey().equals(personKey)
                || (personKey != null && personKey.equals(promise.standIn()));
    }

    /** A promise is withdrawn by the agent who made it to the caller, or by their overseers. */
    boolean mayWithdraw(CallbackPromise promise) {
        return oversees || promise.promisedBy().equals(username);
    }

    boolean mayComplete(FollowUp followUp) {
        return oversees || followUp.owner().equals(username);
    }

    /** An inquiry is closed by the agent who took it, or by their overseers when that agent is away or gone. */
    public boolean mayClose(Inquiry inquiry) {
        return oversees || inquiry.owner().equals(username);
    }
}
