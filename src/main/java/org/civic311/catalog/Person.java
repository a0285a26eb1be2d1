package org.civic311.catalog;

/** Someone in the city's people directory: whom a request or an inquiry can be escalated to. */
public record Person(
        String jurisdictionId,
        String key,
        String name,
        String title,
        String departmentCode,
        PersonRole role,
        String phone,
        String email) {}
