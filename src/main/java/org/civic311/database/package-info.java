/**
 * Infrastructure: the embedded PostgreSQL server that Civic311 starts for itself when no external database is
 * configured. No business module depends on it.
 */
@ApplicationModule
@NullMarked
package org.civic311.database;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
