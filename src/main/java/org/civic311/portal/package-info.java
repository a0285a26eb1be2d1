/**
 * The residents' portal: the public face of the city's 311, in English and French. Reporting a problem (through the
 * same intake as every channel), a request's public page, the map of requests and the open data downloads. It shows
 * only what Open311 shows: never the reporter.
 */
@ApplicationModule(allowedDependencies = {"common", "catalog", "requests", "triage", "media", "staff", "privacy"})
@NullMarked
package org.civic311.portal;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
