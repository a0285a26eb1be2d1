package org.civic311.inquiries;

import org.jspecify.annotations.Nullable;

/**
 * A caller's question as the agent logs it. Contact details are kept only with the caller's consent.
 *
 * @param departmentCode the department the question is about, when the agent knows it
 */
public record NewInquiry(
        String question,
        @Nullable String callerName,
        @Nullable String callerPhone,
        @Nullable String callerEmail,
        boolean consent,
        ContactChannel preferredChannel,
        @Nullable String departmentCode) {}
