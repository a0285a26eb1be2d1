package org.civic311.staff;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.jdbc.config.annotation.web.http.EnableJdbcHttpSession;

/** Passwords hashed with bcrypt (behind a delegating encoder, so the algorithm can change); sessions in PostgreSQL. */
@Configuration(proxyBeanMethods = false)
// The repository's own clean-up timer would start before Flyway has created the session table; it runs instead as
// scheduled work (ExpiredSessions), which starts once the application is ready.
@EnableJdbcHttpSession(maxInactiveIntervalInSeconds = 8 * 3600, cleanupCron = Scheduled.CRON_DISABLED)
class StaffConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
