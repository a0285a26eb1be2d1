package org.civic311.inquiries;

/**
 * What an agent still holds: the inquiries they took that are not closed, and the follow-ups that came back to them
 * and are not done. Someone who leaves hands both over, or the callers they were answering wait on nobody.
 */
public record AgentWork(int openInquiries, int followUps) {

    public boolean none() {
        return openInquiries == 0 && followUps == 0;
    }

    /** "2 open inquiries and 1 follow-up". */
    public String described() {
        String inquiries = openInquiries + (openInquiries == 1 ? " open inquiry" : " open inquiries");
        String followUpsToDo = followUps + (followUps == 1 ? " follow-up" : " follow-ups");
        if (followUps == 0) {
            return inquiries;
        }
        return openInquiries == 0 ? followUpsToDo : inquiries + " and " + followUpsToDo;
    }
}
