package org.civic311.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.civic311.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

class RememberedCredentialsTests {

    final AtomicInteger checks = new AtomicInteger();
    final MutableClock clock = new MutableClock(java.time.Instant.parse("2026-11-22T12:00:00Z"));
    final AuthenticationProvider slowHash = new AuthenticationProvider() {
        @Override
        public Authentication authenticate(Authentication authentication) {
            checks.incrementAndGet();
            if (!"right password".equals(authentication.getCredentials())) {
                throw new BadCredentialsException("wrong password");
            }
            return UsernamePasswordAuthenticationToken.authenticated(authentication.getName(), null, List.of());
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return true;
        }
    };
    final RememberedCredentials credentials = new RememberedCredentials(slowHash, clock);

    static Authentication attempt(String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated("agent", password);
    }

    @Test
    void rightCredentialsAreCheckedOnceForAFewMinutes() {
        assertThat(credentials.authenticate(attempt("right password")).isAuthenticated())
                .isTrue();
        assertThat(credentials.authenticate(attempt("right password")).isAuthenticated())
                .isTrue();
        assertThat(checks.get()).isEqualTo(1);
        clock.advance(RememberedCredentials.REMEMBER.plus(Duration.ofSeconds(1)));
        credentials.authenticate(attempt("right password"));
        assertThat(checks.get()).isEqualTo(2);
    }

    @Test
    void aWrongPasswordIsCheckedEveryTimeAndNeverRemembered() {
        credentials.authenticate(attempt("right password"));
        assertThatThrownBy(() -> credentials.authenticate(attempt("wrong password")))
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> credentials.authenticate(attempt("wrong password")))
                .isInstanceOf(BadCredentialsException.class);
        assertThat(checks.get()).isEqualTo(3);
    }
}
