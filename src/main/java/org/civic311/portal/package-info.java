/**
 * The residents' portal: the public face of the city's 311. So far the page of one request, found by its tracking
 * number, which every reply and update to a resident links to. It shows only what Open311 shows: never the reporter.
 */
@ApplicationModule(allowedDependencies = {"common", "catalog", "requests"})
@NullMarked
package org.civic311.portal;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
