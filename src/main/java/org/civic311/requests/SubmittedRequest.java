package org.civic311.requests;

import org.jspecify.annotations.Nullable;

/** What the channel tells the resident once a request is stored: its tracking number and token, and any notice. */
public record SubmittedRequest(String publicId, String token, @Nullable String serviceNotice) {}
