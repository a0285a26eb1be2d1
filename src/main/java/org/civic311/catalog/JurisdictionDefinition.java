package org.civic311.catalog;

import java.util.List;

/** Everything that defines a jurisdiction's catalogue, as loaded at once (a demo city, or a city's first set-up). */
public record JurisdictionDefinition(
        Jurisdiction jurisdiction,
        List<Department> departments,
        List<Person> people,
        List<ServiceType> serviceTypes,
        List<WardBoundary> wards,
        List<RoutingRule> routingRules,
        List<ReplyTemplate> replyTemplates) {}
