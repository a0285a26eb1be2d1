package org.civic311.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * The application with every per-client limit set low enough for a test to reach it in a few calls. All the limit
 * tests use this one set of properties, so they share one running application; each test uses its own client
 * addresses, accounts and keys so that their counts never mix.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Civic311Test
@TestPropertySource(
        properties = {
            "civic311.demo.history=false",
            "civic311.triage.requests-per-minute=3",
            "civic311.portal.follows-per-hour=2",
            "civic311.portal.reports-per-minute=2",
            "civic311.portal.lookups-per-minute=3",
            "civic311.portal.downloads-per-hour=3",
            "civic311.portal.downloads-at-once=1",
            "civic311.open311.posts-per-minute-per-address=3",
            "civic311.open311.posts-per-minute-per-key=100",
            "civic311.open311.searches-per-minute-per-address=4",
            "civic311.sign-in.failures-per-account-from-address=3",
            "civic311.sign-in.failures-per-account=5",
            "civic311.sign-in.failures-per-address=6"
        })
public @interface LimitedClients {}
