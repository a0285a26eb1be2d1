/**
 * Staff: accounts with their roles and department, sign-in, and sessions kept in the database so that any instance
 * can serve any signed-in person.
 */
@ApplicationModule(allowedDependencies = {"common", "catalog"})
@NullMarked
package org.civic311.staff;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
