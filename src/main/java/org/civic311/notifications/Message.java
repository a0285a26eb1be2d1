package org.civic311.notifications;

import org.jspecify.annotations.Nullable;

/** A message ready to go out: subject, plain text, and an HTML alternative for email. */
record Message(String subject, String text, @Nullable String html) {}
