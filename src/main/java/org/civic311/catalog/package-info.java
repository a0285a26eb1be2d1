/**
 * The catalogue of a jurisdiction: its departments and people directory, its service types with their questions and
 * service level targets, the request statuses it uses, and its wards.
 *
 * <p>{@link org.civic311.catalog.Catalog} is the module's API.
 */
@ApplicationModule(allowedDependencies = "common")
@NullMarked
package org.civic311.catalog;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
