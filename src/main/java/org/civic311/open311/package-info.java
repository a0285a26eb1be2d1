/**
 * Open311 GeoReport v2: discovery, services, service definitions, requests and tokens, in XML and JSON, with the
 * extensions cities use. Translation only: the rules live in the catalogue and requests modules.
 */
@ApplicationModule(allowedDependencies = {"common", "catalog", "requests"})
@NullMarked
package org.civic311.open311;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
