/**
 * Inquiries: questions, not problem reports, that the knowledge base could not answer. An agent escalates one to a
 * named person from the directory with a callback promise that has a deadline; the promise is watched, and when it
 * is kept a follow-up comes back to the agent, who closes the inquiry with the caller's satisfaction.
 *
 * <p>{@link org.civic311.inquiries.Inquiries} is the module's API.
 */
@ApplicationModule(allowedDependencies = {"common", "catalog", "knowledge"})
@NullMarked
package org.civic311.inquiries;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
