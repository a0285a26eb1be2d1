/**
 * Triage of residents' free text, before anything else happens to it: emergencies (sent to 911 at once), the
 * service types it most likely is, abusive language (flagged, masked in public), its language, and an address in it.
 *
 * <p>{@link org.civic311.triage.Triage} is the module's API.
 */
@ApplicationModule(allowedDependencies = {"common", "catalog"})
@NullMarked
package org.civic311.triage;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
