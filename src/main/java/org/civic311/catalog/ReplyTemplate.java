package org.civic311.catalog;

import org.jspecify.annotations.Nullable;

/**
 * A ready answer to residents for closing a request with a given resolution, for one service type or for all.
 *
 * @param resolution the resolution it explains
 */
public record ReplyTemplate(@Nullable String serviceCode, Resolution resolution, String text) {}
