package org.civic311.staff;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.civic311.common.RateLimit;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks a staff member's password and, when they turned it on, their authentication code; slows down whoever
 * guesses. After too many failures for one account from one address, that address is refused the account for a
 * while even with the right password, so guessing gains nothing; the account's owner, elsewhere, still signs in, so
 * one guesser cannot lock them out. Failures for the account from every address together, and from one address
 * across every account, have limits of their own for guessing spread out. A success clears the account's counts.
 * The counts are kept in the database ({@link SignInAllowances}), so every instance counts against the same limits.
 */
public final class StaffSignIn implements AuthenticationProvider {

    /** The longest user name looked at: longer is no account's, and would only fill the allowances' index. */
    static final int MAX_ACCOUNT = 320;

    private final DaoAuthenticationProvider passwords;
    private final StaffDirectory directory;
    private final SignInAllowances allowances;
    private final SignInProperties limits;
    private final KnownDevices devices;
    private final Clock clock;

    StaffSignIn(
            StaffDirectory directory,
            PasswordEncoder encoder,
            SignInAllowances allowances,
            SignInProperties limits,
            KnownDevices devices,
            Clock clock) {
        this.passwords = new DaoAuthenticationProvider(directory);
        this.passwords.setPasswordEncoder(encoder);
        this.directory = directory;
        this.allowances = allowances;
        this.limits = limits;
        this.devices = devices;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String account = authentication.getName().strip().toLowerCase(Locale.ROOT);
        String address =
                authentication.getDetails() instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null
                        ? RateLimit.clientOf(web.getRemoteAddress())
                        : "unknown";
        // A try is taken before the password is checked and given back when it was right, so that many guesses
        // sent at once, to this instance or another, cannot all pass the count before the first failure is recorded.
        if (account.length() > MAX_ACCOUNT) {
            // No account has such a name: a wrong guess, counted against nothing a real account shares.
            throw new BadCredentialsException("Bad credentials");
        }
        // The name is the guesser's to choose: encoded, "victim from 10.0.0.1" cannot name the pair's own bucket.
        String named = java.net.URLEncoder.encode(account, StandardCharsets.UTF_8);
        String accountFromAddress = "account " + named + " from " + address;
        String accountAnywhere = "account " + named;
        String fromAddress = "address " + address;
        SignInAllowances.Limit pair =
                new SignInAllowances.Limit(accountFromAddress, limits.failuresPerAccountFromAddress(), limits.window());
        SignInAllowances.Limit client =
                new SignInAllowances.Limit(fromAddress, limits.failuresPerAddress(), limits.window());
        java.util.Set<String> refused = allowances.take(List.of(
                pair,
                new SignInAllowances.Limit(accountAnywhere, limits.failuresPerAccount(), limits.window()),
                client));
        // Guessing spread over many addresses used up the account's share: its owner's own browser is still let in,
        // and an integration of the staff API at the address it signs in from; each held to the limits of its
        // address.
        String device = authentication.getDetails() instanceof Details details
                ? details.device()
                : KnownDevices.integrationAt(address);
        boolean knownDevice = refused.equals(java.util.Set.of(accountAnywhere))
                && devices.known(account, device)
                && allowances.take(List.of(pair, client)).isEmpty();
        if (!refused.isEmpty() && !knownDevice) {
            throw new LockedException("too many failed sign-ins; wait a few minutes and try again");
        }
        if (String.valueOf(authentication.getCredentials()).getBytes(StandardCharsets.UTF_8).length
                > PasswordRules.MAX_BYTES) {
            // No staff password is this long (bcrypt reads 72 bytes at most): a wrong guess, not a failure.
            throw new BadCredentialsException("Bad credentials");
        }
        Authentication signedIn = passwords.authenticate(authentication);
        String code = authentication.getDetails() instanceof Details details ? details.code() : null;
        directory.checkGivenPasswordFresh(authentication.getName(), clock.instant());
        directory.checkSecondStep(authentication.getName(), code, clock.instant());
        allowances.succeeded(
                knownDevice ? List.of(accountFromAddress) : List.of(accountFromAddress, accountAnywhere), fromAddress);
        if (authentication.getDetails() instanceof Details) {
            // A sign-in on the screens' form; the staff API signs in on every call and would only churn the row.
            directory.recordSignIn(authentication.getName(), clock.instant());
        } else {
            // The staff API checks a password once in a few minutes (RememberedCredentials): its address is known.
            devices.rememberIntegration(account, address);
        }
        return signedIn;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** What the sign-in form sends besides the user name and password: the authentication code, if any. */
    public static final class Details extends WebAuthenticationDetails {

        private final @Nullable String code;
        private final @Nullable String device;

        public Details(HttpServletRequest request) {
            super(request);
            String sent = request.getParameter("code");
            this.code = sent == null || sent.isBlank() ? null : sent.strip();
            jakarta.servlet.http.Cookie[] cookies = request.getCookies();
            this.device = cookies == null
                    ? null
                    : java.util.Arrays.stream(cookies)
                            .filter(cookie -> KnownDevices.COOKIE.equals(cookie.getName()))
                            .map(jakarta.servlet.http.Cookie::getValue)
                            .findFirst()
                            .orElse(null);
        }

        @Nullable
        String code() {
            return code;
        }

        /** The cookie of a browser that signed in before, if it sent one. */
        @Nullable
        String device() {
            return device;
        }
    }
}
