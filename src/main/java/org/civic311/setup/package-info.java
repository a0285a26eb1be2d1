/**
 * Setting up a city: the {@code city} command reads a city's files (its catalogue, wards and addresses), defines the
 * jurisdiction, and names its first administrator, who creates every other account from the console.
 */
@ApplicationModule(allowedDependencies = {"common", "catalog", "staff", "triage", "knowledge"})
@NullMarked
package org.civic311.setup;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
