package org.civic311.catalog;

import org.jspecify.annotations.Nullable;

/**
 * Sends requests of a service type, in a ward, to a department. A rule without a service type applies to all of the
 * department's types; one without a ward applies everywhere. The most specific rule wins.
 *
 * @param supervisorKey who answers for this area (a collection route, a district): escalations go to them
 */
public record RoutingRule(
        @Nullable String serviceCode,
        @Nullable String wardCode,
        String departmentCode,
        Dispatch dispatch,
        @Nullable String supervisorKey) {

    boolean applies(ServiceType type, @Nullable String ward) {
        boolean service =
                serviceCode == null ? departmentCode.equals(type.departmentCode()) : serviceCode.equals(type.code());
        return service && (wardCode == null || wardCode.equals(ward));
    }

    int specificity() {
        return (serviceCode == null ? 0 : 2) + (wardCode == null ? 0 : 1);
    }
}
