package org.civic311.catalog;

import java.util.Optional;

/**
 * What another module keeps under a department's code: staff in it, articles it owns, requests and inquiries that
 * were its. A module that names departments implements it, and the catalogue asks each before it removes one.
 */
public interface DepartmentUse {

    /**
     * What still names this department, said so an administrator can act on it ("3 staff accounts belong to it"), or
     * empty when nothing does.
     */
    Optional<String> stillNames(String jurisdictionId, String departmentCode);
}
