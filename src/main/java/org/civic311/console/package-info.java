/**
 * What staff use: the screens (Thymeleaf and htmx) of the call centre, the inbox, the departments and supervisors,
 * and the staff JSON API for integrations such as work-order systems. Composition only: the rules live in the
 * modules whose screens these are.
 */
@ApplicationModule(
        allowedDependencies = {
            "common",
            "catalog",
            "requests",
            "staff",
            "knowledge",
            "inquiries",
            "contacts",
            "triage",
            "media",
            "conversations",
            "notifications",
            "open311",
            "privacy"
        })
@NullMarked
package org.civic311.console;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
