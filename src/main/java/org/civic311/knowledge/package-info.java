/**
 * The knowledge base agents answer from: articles with versions and review before publishing, searched as an agent
 * needs mid-call (ranked, highlighted, tolerant of typos and of the city's jargon).
 *
 * <p>{@link org.civic311.knowledge.KnowledgeBase} is the module's API.
 */
@ApplicationModule(allowedDependencies = {"common", "catalog"})
@NullMarked
package org.civic311.knowledge;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
