/**
 * The service request: intake from every channel, validation against the catalogue, its status and notes, its photos,
 * and the privacy of the people who report.
 *
 * <p>{@link org.civic311.requests.ServiceRequests} is the module's API.
 */
@ApplicationModule(allowedDependencies = {"common", "catalog", "media", "triage", "staff"})
@NullMarked
package org.civic311.requests;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
