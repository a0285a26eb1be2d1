/**
 * What residents and staff are told, in their channel and language: status updates to a request's followers and
 * escalations to supervisors, through an outbox that sends each message at least once and creates it only once.
 */
@ApplicationModule(allowedDependencies = {"common", "catalog", "requests", "staff", "inquiries", "media"})
@NullMarked
package org.civic311.notifications;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
