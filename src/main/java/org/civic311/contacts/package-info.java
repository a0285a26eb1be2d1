/**
 * Contacts: each call or walk-in an agent takes, who it was (only with consent), why they came, what was done (the
 * requests and inquiries it led to), how long it took and how it was wrapped up.
 *
 * <p>{@link org.civic311.contacts.Contacts} is the module's API.
 */
@ApplicationModule(allowedDependencies = {"common"})
@NullMarked
package org.civic311.contacts;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
