package org.civic311;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Background jobs (service level watch, notification outbox, dispatch). Tests switch them off with
 * {@code civic311.jobs.enabled=false} and run each job themselves, at the moment they choose.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "civic311.jobs.enabled", havingValue = "true", matchIfMissing = true)
class SchedulingConfiguration {}
