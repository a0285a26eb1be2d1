package org.civic311.staff;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many wrong passwords or codes are tolerated before sign-in slows down.
 *
 * @param failuresPerAccountFromAddress failed sign-ins an account may have from one client address in the window;
 *     after that, that address is allowed one more try each window divided by this number, whether or not the
 *     password is right
 * @param failuresPerAccount failed sign-ins an account may have from all addresses together in the window, then
 *     slowed the same way for everyone: guessing spread over many addresses
 * @param failuresPerAddress failed sign-ins one client address may have in the window, across all accounts
 * @param window the period over which failures are counted
 */
@ConfigurationProperties("civic311.sign-in")
record SignInProperties(
        @DefaultValue("5") int failuresPerAccountFromAddress,
        @DefaultValue("20") int failuresPerAccount,
        @DefaultValue("50") int failuresPerAddress,
        @DefaultValue("PT15M") Duration window) {}
