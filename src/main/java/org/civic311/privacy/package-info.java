/**
 * Residents' personal data across the modules: exported or erased on a resident's request, and let go of once the
 * city's retention period has passed. Each module keeps its own records; this module asks them all.
 */
@ApplicationModule(allowedDependencies = {"common"})
@NullMarked
package org.civic311.privacy;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
