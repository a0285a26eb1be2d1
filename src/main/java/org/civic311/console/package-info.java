/**
 * What staff use: the department screens (Thymeleaf and htmx) and the staff JSON API for integrations such as
 * work-order systems. Composition only: the rules live in the requests and catalogue modules.
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
            "media"
        })
@NullMarked
package org.civic311.console;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
