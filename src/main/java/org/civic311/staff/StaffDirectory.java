package org.civic311.staff;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.civic311.common.InvalidInputException;
import org.civic311.common.PlainText;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** The staff module's API: staff accounts, and who is signed in. */
@Service
public class StaffDirectory implements UserDetailsService {

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;

    /** How long a password an administrator gave may wait to be used: after it, the administrator gives another. */
    static final java.time.Duration GIVEN_PASSWORD_LIFE = java.time.Duration.ofDays(7);

    private final SignedInSessions sessions;

    StaffDirectory(
            JdbcClient jdbc,
            PasswordEncoder passwords,
            SignedInSessions sessions,
            SignInAllowances allowances,
            SignInProperties limits,
            java.time.Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.sessions = sessions;
        this.allowances = allowances;
        this.limits = limits;
        this.clock = clock;
    }

    // The application's clock, not the database's: a known device's cookie is dated by it, and compared with these.
    private final java.time.Clock clock;

    private final SignInAllowances allowances;
    private final SignInProperties limits;

    /**
     * Checks the password a signed-in member types again (to change it, or two-step sign-in), counted as sign-ins
     * are: a session left open is not a way to guess it without limit.
     */
    private void checkCurrentPassword(String username, String given) {
        String hash = jdbc.sql("select password_hash from staff_account where username = :username and enabled")
                .param("username", username)
                .query(String.class)
                .optional()
                .orElseThrow(() -> new InvalidInputException("username", "no staff account " + username));
        String key = "password check " + java.net.URLEncoder.encode(username, java.nio.charset.StandardCharsets.UTF_8);
        if (!allowances
                .take(List.of(new SignInAllowances.Limit(key, limits.failuresPerAccountFromAddress(), limits.window())))
                .isEmpty()) {
            throw new InvalidInputException(
                    "currentPassword", "was given wrongly too often; wait a few minutes and try again");
        }
        if (!passwords.matches(given, hash)) {
            throw new InvalidInputException("currentPassword", "is not right");
        }
        allowances.succeeded(List.of(key), null);
    }

    /** Creates an account; its password is stored only as a slow hash. */
    public void register(StaffMember member, String password) {
        PasswordRules.check(member.username(), password);
        jdbc.sql(
                        """
                        insert into staff_account (username, display_name, title, password_hash, roles, jurisdiction_id,
                            department_code, person_key)
                        values (:username, :name, :title, :hash, :roles, :j, :department, :person)""")
                .param("username", member.username())
                .param("name", member.displayName())
                .param("title", member.title())
                .param("hash", passwords.encode(password))
                .param("roles", member.roles().stream().map(Role::name).sorted().toArray(String[]::new))
                .param("j", member.jurisdictionId())
                .param("department", member.departmentCode())
                .param("person", member.personKey())
                .update();
    }

    public Optional<StaffMember> find(String username) {
        return jdbc.sql(
                        """
                        select username, display_name, title, roles, jurisdiction_id, department_code, person_key
                        from staff_account where username = :username and enabled""")
                .param("username", username)
                .query(StaffDirectory::memberRow)
                .optional();
    }

    /** The enabled accounts of a department, by user name. */
    public List<StaffMember> ofDepartment(String jurisdictionId, String departmentCode) {
        return jdbc.sql(
                        """
                        select username, display_name, title, roles, jurisdiction_id, department_code, person_key
                        from staff_account
                        where jurisdiction_id = :j and department_code = :department and enabled
                        order by username""")
                .param("j", jurisdictionId)
                .param("department", departmentCode)
                .query(StaffDirectory::memberRow)
                .list();
    }

    /**
     * Colleagues' names by account, every account of the jurisdiction's included (a conversation may be held by someone
     * since gone): screens say "Held by Sam Rivera", not "Held by agent".
     */
    public java.util.Map<String, String> displayNames(String jurisdictionId) {
        java.util.Map<String, String> names = new java.util.HashMap<>();
        jdbc.sql("select username, display_name from staff_account where jurisdiction_id = :j")
                .param("j", jurisdictionId)
                .query(rs -> {
                    names.put(rs.getString(1), rs.getString(2));
                });
        return names;
    }

    private static StaffMember memberRow(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new StaffMember(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                roles((String[]) rs.getArray(4).getArray()),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7));
    }

    /** A staff member's profile. */
    public Optional<StaffProfile> profile(String username) {
        return jdbc.sql(
                        """
                        select username, display_name, title, team, public_name, photo_path, signature
                        from staff_account where username = :username and enabled""")
                .param("username", username)
                .query(StaffDirectory::profileRow)
                .optional();
    }

    /**
     * The public profiles of the people who answer residents for 311 (agents and their supervisors) in a
     * jurisdiction who chose a public name and sign with it: what they chose to show. Never their account names, and
     * no one who signs with initials or has not chosen a public name.
     */
    public List<StaffProfile> publicProfiles(String jurisdictionId) {
        return jdbc.sql(
                        """
                        select username, display_name, title, team, public_name, photo_path, signature
                        from staff_account
                        where enabled and jurisdiction_id = :j and roles && array['AGENT', 'SUPERVISOR']::text[]
                          and public_name is not null and signature = 'NAME'
                        order by public_name, username""")
                .param("j", jurisdictionId)
                .query(StaffDirectory::profileRow)
                .list();
    }

    /** A profile from its row: without a chosen public name, the short form of the display name stands in. */
    private static StaffProfile profileRow(ResultSet rs, int row) throws SQLException {
        return new StaffProfile(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5) == null ? StaffProfile.shortName(rs.getString(2)) : rs.getString(5),
                rs.getString(6),
                StaffProfile.Signature.valueOf(rs.getString(7)));
    }

    /** The address of the member's photo, if they show one. */
    public java.util.Optional<String> photoOf(String username) {
        return jdbc.sql("select photo_path from staff_account where username = :u")
                .param("u", username)
                .query(String.class)
                .optional();
    }

    /** Takes the member's photo off their profile; the caller deletes its file. */
    public void removePhoto(String username) {
        jdbc.sql("update staff_account set photo_path = null where username = :u")
                .param("u", username)
                .update();
    }

    /**
     * Changes what a staff member shows of themselves. A null photo keeps the current one.
     *
     * @throws InvalidInputException naming the field that breaks a rule
     */
    public StaffProfile updateProfile(
            String username,
            @Nullable String team,
            @Nullable String publicName,
            StaffProfile.Signature signature,
            @Nullable String photoPath) {
        String cleanTeam = PlainText.singleLine(team);
        String cleanName = PlainText.singleLine(publicName);
        if (cleanTeam != null && cleanTeam.length() > 100) {
            throw new InvalidInputException("team", "is longer than 100 characters");
        }
        if (cleanName != null && cleanName.length() > 40) {
            // It signs replies on channels with 160 and 280 characters: it must stay short.
            throw new InvalidInputException("publicName", "is longer than 40 characters");
        }
        if (cleanName != null && PlainText.containsMarkup(cleanName)) {
            throw new InvalidInputException("publicName", "must be plain text");
        }
        int updated = jdbc.sql(
                        """
                        update staff_account set team = :team, public_name = :name, signature = :signature,
                            photo_path = coalesce(:photo, photo_path)
                        where username = :username and enabled""")
                .param("team", cleanTeam)
                .param("name", cleanName)
                .param("signature", signature.name())
                .param("photo", photoPath)
                .param("username", username)
                .update();
        if (updated == 0) {
            throw new InvalidInputException("username", "no staff account " + username);
        }
        return profile(username).orElseThrow();
    }

    /**
     * Changes a password after checking the current one, so that a session left open cannot be used to take the
     * account over.
     *
     * @throws InvalidInputException naming the field that breaks a rule
     */
    public void changePassword(String username, String current, String replacement) {
        checkCurrentPassword(username, current);
        if (current.equals(replacement)) {
            throw new InvalidInputException("password", "must differ from the current one");
        }
        PasswordRules.check(username, replacement);
        boolean wasGiven = jdbc.sql(
                        """
                        update staff_account account set password_hash = :hash, password_changed_at = :now,
                            password_must_change = false
                        from staff_account prior where prior.username = account.username and account.username = :username
                        returning prior.password_must_change""")
                .param("now", java.sql.Timestamp.from(clock.instant()))
                .param("hash", passwords.encode(replacement))
                .param("username", username)
                .query(Boolean.class)
                .single();
        if (wasGiven) {
            // Whoever chose it, the administrators see when the given password was replaced.
            jdbc.sql(
                            """
                            insert into staff_account_change (jurisdiction_id, username, at, actor, change)
                            select jurisdiction_id, username, :now, username, 'chose their own password'
                            from staff_account where username = :username""")
                    .param("now", java.sql.Timestamp.from(clock.instant()))
                    .param("username", username)
                    .update();
        }
        // Every other session of the account ends: one opened with the old password must not outlive it.
        sessions.endAfterCommit(username);
    }

    /**
     * A digest of everything a sign-in depends on: the password, the second step, the roles and department, whether
     * the account is enabled and its password must change. Remembered API credentials hold only while it is the
     * same; an account that is gone has none.
     */
    public String signInState(String username) {
        return jdbc.sql(
                        """
                        select md5(concat_ws('|', password_hash, totp_secret, array_to_string(roles, ','),
                            department_code, enabled, password_must_change))
                        from staff_account where username = :username""")
                .param("username", username)
                .query(String.class)
                .optional()
                .orElse("");
    }

    /** Whether the account asks for an authentication code at sign-in. */
    public boolean twoStepOn(String username) {
        return secret(username) != null;
    }

    /** A new secret for an authenticator app, and the link that adds it; nothing changes until it is confirmed. */
    public TwoStepEnrolment startTwoStep(String username) {
        String secret = Totp.newSecret();
        return new TwoStepEnrolment(secret, Totp.uri("Civic311", username, secret));
    }

    /**
     * Turns two-step sign-in on, once a code from the app proves the secret reached it.
     *
     * @throws InvalidInputException when the code does not match the secret
     */
    public void confirmTwoStep(String username, String password, String secret, String code, java.time.Instant now) {
        // Someone at an open session must not tie the account to their own app, locking its owner out.
        checkCurrentPassword(username, password);
        if (twoStepOn(username)) {
            // Moving the codes to another app takes turning it off first, which asks for the password and a code.
            throw new InvalidInputException("code", "two-step sign-in is already on; turn it off first");
        }
        if (!secret.matches("[A-Z2-7]{32}")) {
            throw new InvalidInputException("secret", "is not a secret this page made; start again");
        }
        var step = Totp.matchingStep(secret, code, now);
        if (step.isEmpty()) {
            throw new InvalidInputException("code", "does not match; check the app's clock and try the next code");
        }
        jdbc.sql(
                        """
                        update staff_account set totp_secret = :secret, totp_last_step = :step,
                            password_changed_at = :now
                        where username = :username and enabled""")
                .param("now", java.sql.Timestamp.from(now))
                .param("secret", secret)
                .param("step", step.getAsLong())
                .param("username", username)
                .update();
        // Turned on after a password may have leaked: a session opened with the password alone ends with it.
        sessions.endAfterCommit(username);
    }

    /** Turns two-step sign-in off, which takes the password as well as a current code. */
    public void stopTwoStep(String username, String password, String code, java.time.Instant now) {
        checkCurrentPassword(username, password);
        String secret = secret(username);
        if (secret != null && useCode(username, secret, code, now)) {
            jdbc.sql(
                            """
                            update staff_account set totp_secret = null, totp_last_step = null,
                                password_changed_at = :now
                            where username = :username""")
                    .param("now", java.sql.Timestamp.from(now))
                    .param("username", username)
                    .update();
            // Every other session ends too, as at a password change: one the owner no longer recognises may be why.
            sessions.endAfterCommit(username);
        } else if (secret != null) {
            throw new InvalidInputException("code", "does not match");
        }
    }

    /** Notes a sign-in on the screens, for the administrators' list of accounts. */
    void recordSignIn(String username, java.time.Instant at) {
        jdbc.sql("update staff_account set last_signed_in_at = :at where username = :username")
                .param("at", java.sql.Timestamp.from(at))
                .param("username", username)
                .update();
    }

    /** Whether the account is linked to an identity at the city's OpenID provider. */
    public boolean hasOidcIdentity(String username) {
        return jdbc.sql("select oidc_subject is not null from staff_account where username = :username")
                .param("username", username)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    /**
     * Whether the provider's identity is the account's: the sign-in its owner links it with from their profile binds
     * the account to it, and every later one must come from the same issuer and subject. An identity already bound to
     * another account binds no second one.
     */
    boolean isOidcIdentityOf(String username, String issuer, String subject) {
        try {
            jdbc.sql(
                            """
                            update staff_account set oidc_issuer = :issuer, oidc_subject = :subject
                            where username = :username and oidc_subject is null""")
                    .param("issuer", issuer)
                    .param("subject", subject)
                    .param("username", username)
                    .update();
        } catch (org.springframework.dao.DuplicateKeyException e) {
            return false;
        }
        return jdbc.sql(
                        """
                        select oidc_issuer = :issuer and oidc_subject = :subject
                        from staff_account where username = :username""")
                .param("issuer", issuer)
                .param("subject", subject)
                .param("username", username)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    /** A password an administrator gave works for {@link #GIVEN_PASSWORD_LIFE}; after it, sign-in is refused. */
    void checkGivenPasswordFresh(String username, java.time.Instant now) {
        boolean expired = jdbc.sql(
                        """
                        select password_must_change and password_changed_at < :oldest
                        from staff_account where username = :username""")
                .param("oldest", java.sql.Timestamp.from(now.minus(GIVEN_PASSWORD_LIFE)))
                .param("username", username)
                .query(Boolean.class)
                .optional()
                .orElse(false);
        if (expired) {
            throw new org.springframework.security.authentication.CredentialsExpiredException(
                    "the password an administrator gave has expired; ask for a new one");
        }
    }

    /**
     * The second step of a sign-in whose password was right: nothing for accounts without it, otherwise a code that
     * is valid now and has not been used before.
     */
    void checkSecondStep(String username, @Nullable String code, java.time.Instant now) {
        String secret = secret(username);
        if (secret == null) {
            return;
        }
        if (code == null) {
            throw new org.springframework.security.authentication.BadCredentialsException(
                    "this account needs the code from its authenticator app");
        }
        if (!useCode(username, secret, code, now)) {
            throw new org.springframework.security.authentication.BadCredentialsException(
                    "the authentication code is not right or was already used");
        }
    }

    private boolean useCode(String username, String secret, String code, java.time.Instant now) {
        var step = Totp.matchingStep(secret, code, now);
        // Each code works once: the step is recorded, and only a later step is accepted after it.
        return step.isPresent()
                && jdbc.sql(
                                        """
                                        update staff_account set totp_last_step = :step
                                        where username = :username and (totp_last_step is null or totp_last_step < :step)""")
                                .param("step", step.getAsLong())
                                .param("username", username)
                                .update()
                        == 1;
    }

    private @Nullable String secret(String username) {
        return jdbc.sql("select totp_secret from staff_account where username = :username")
                .param("username", username)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    /** The jurisdiction's enabled accounts, by user name, in one read. */
    public List<StaffMember> members(String jurisdictionId) {
        return jdbc.sql(
                        """
                        select username, display_name, title, roles, jurisdiction_id, department_code, person_key
                        from staff_account where jurisdiction_id = :j and enabled order by username""")
                .param("j", jurisdictionId)
                .query(StaffDirectory::memberRow)
                .list();
    }

    /** The staff member behind a signed-in principal. */
    public StaffMember current(Authentication authentication) {
        return find(authentication.getName())
                .orElseThrow(() -> new org.springframework.security.access.AccessDeniedException(
                        "the staff account " + authentication.getName() + " is disabled"));
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return jdbc.sql("select password_hash, roles from staff_account where username = :username and enabled")
                .param("username", username)
                .query((rs, n) -> User.withUsername(username)
                        .password(rs.getString(1))
                        .authorities(roles((String[]) rs.getArray(2).getArray()).stream()
                                .map(Role::authority)
                                .toArray(String[]::new))
                        .build())
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("no staff account " + username));
    }

    private static Set<Role> roles(String[] names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(names).map(Role::valueOf).forEach(roles::add);
        return roles;
    }
}
