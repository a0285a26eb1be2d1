/**
 * The demo city: Toronto's wards, departments and a realistic catalogue, a people directory, an Open311 API key and a
 * thousand real historical requests, and demo staff accounts, loaded into an empty database so that Civic311 is useful from the first start.
 */
@ApplicationModule(allowedDependencies = {"catalog", "open311", "requests", "staff", "triage", "knowledge"})
@NullMarked
package org.civic311.democity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
