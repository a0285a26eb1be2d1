package org.civic311.catalog;

import org.jspecify.annotations.Nullable;

/**
 * Where one request goes: the department whose queue it joins, how it is dispatched, and the supervisor who
 * answers for it.
 */
public record Route(String departmentCode, Dispatch dispatch, @Nullable String supervisorKey) {}
