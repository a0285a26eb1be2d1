package org.civic311.staff;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.civic311.catalog.Catalog;
import org.civic311.catalog.DirectoryEntryRemoved;
import org.civic311.common.InvalidInputException;
import org.civic311.common.NotFoundException;
import org.civic311.common.PlainText;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Administrators keep their jurisdiction's staff accounts: they create them, change a person's name, title, roles and
 * department, give a new password when one is forgotten, turn off a lost second step, and disable an account when
 * someone leaves. A password an administrator gives is shown once and works only to choose a new one. Every change
 * that touches how someone signs in or what they may do ends that person's sessions, and is recorded.
 */
@Service
public class StaffAccounts {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,39}");
    /** No 0/O, 1/l/I: the password is read aloud or copied by hand once. */
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private static final Set<Role> IN_A_DEPARTMENT = EnumSet.of(Role.DEPARTMENT_STAFF, Role.DEPARTMENT_MANAGER);

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final SignedInSessions sessions;
    private final Catalog catalog;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final SecureRandom random = new SecureRandom();

    StaffAccounts(
            JdbcClient jdbc,
            PasswordEncoder passwords,
            SignedInSessions sessions,
            Catalog catalog,
            Clock clock,
            org.springframework.context.ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.sessions = sessions;
        this.catalog = catalog;
        this.clock = clock;
        this.events = events;
    }

    /**
     * An account as its administrator sees it.
     *
     * @param mustChangePassword whether its password was given by an administrator and works only to choose another
     * @param lastSignedInAt when the person last signed in on the screens, if ever
     */
    public record StaffAccount(
            String username,
            String displayName,
            String title,
            Set<Role> roles,
            @Nullable String departmentCode,
            @Nullable String personKey,
            boolean enabled,
            boolean twoStep,
            boolean mustChangePassword,
            @Nullable Instant lastSignedInAt,
            /** When their password (or its second step) last changed; a form that gives one carries it back. */
            @Nullable Instant passwordChangedAt) {

        public StaffAccount {
            roles = Set.copyOf(roles);
        }

        /** Whether they work at the contact centre (an agent or a supervisor), where inquiries are answered. */
        public boolean answersResidents() {
            return roles.contains(Role.AGENT) || roles.contains(Role.SUPERVISOR);
        }
    }

    /**
     * What an administrator fills in for a person: who they are and what they may do.
     *
     * @param personKey their entry in the city's people directory, through which escalations and callback promises
     *     made on their behalf reach them
     */
    public record Details(
            String displayName,
            String title,
            Set<Role> roles,
            @Nullable String departmentCode,
            @Nullable String personKey) {

        public Details {
            roles = Set.copyOf(roles);
        }
    }

    /** A password given by an administrator, shown once, to be changed at the first sign-in. */
    public record GivenPassword(String username, String password) {}

    /** One line of the accounts' history. */
    public record Change(Instant at, String username, String actor, String change) {}

    public List<StaffAccount> accounts(String jurisdictionId) {
        return jdbc.sql(SELECT + " where jurisdiction_id = :j order by enabled desc, display_name, username")
                .param("j", jurisdictionId)
                .query((rs, n) -> account(rs))
                .list();
    }

    public StaffAccount account(String jurisdictionId, String username) {
        return jdbc.sql(SELECT + " where jurisdiction_id = :j and username = :u")
                .param("j", jurisdictionId)
                .param("u", username)
                .query((rs, n) -> account(rs))
                .optional()
                .orElseThrow(() -> new NotFoundException("no staff account " + username));
    }

    /**
     * The colleague who takes over what a person held: someone at the contact centre (an agent or a supervisor) whose
     * account works, since inquiries and follow-ups are answered on its screens.
     */
    public StaffAccount successor(StaffMember administrator, String from, String to) {
        if (to.isBlank()) {
            throw new InvalidInputException("to", "choose the colleague who takes them over");
        }
        if (to.equals(from)) {
            throw new InvalidInputException("to", "is the same person; choose a colleague");
        }
        StaffAccount colleague;
        try {
            colleague = account(administrator.jurisdictionId(), to);
        } catch (NotFoundException e) {
            throw new InvalidInputException("to", "no staff account " + to);
        }
        if (!colleague.enabled()) {
            throw new InvalidInputException("to", to + "'s account is disabled");
        }
        if (!colleague.answersResidents()) {
            throw new InvalidInputException("to", to + " is not a 311 agent or supervisor");
        }
        return colleague;
    }

    /** Writes into a person's account history that what they held went to a colleague. */
    @Transactional
    public void recordHandOver(StaffMember administrator, String from, String to, String what) {
        record(administrator, from, "handed " + what + " to " + to);
    }

    /** The latest changes to the jurisdiction's accounts, newest first. */
    public List<Change> changes(String jurisdictionId, int limit) {
        return jdbc.sql(
                        """
                        select at, username, actor, change from staff_account_change
                        where jurisdiction_id = :j order by at desc, id desc limit :limit""")
                .param("j", jurisdictionId)
                .param("limit", limit)
                .query((rs, n) ->
                        new Change(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    /**
     * Creates an account in the administrator's jurisdiction, with a password they hand over once.
     *
     * @throws InvalidInputException naming the field that breaks a rule, or a username already taken
     */
    @Transactional
    public GivenPassword create(StaffMember administrator, String username, Details details) {
        String name = username == null ? "" : username.strip();
        if (!USERNAME.matcher(name).matches()) {
            throw new InvalidInputException(
                    "username",
                    "must be 2 to 40 lowercase letters, digits, dots, dashes or underscores, beginning with a letter"
                            + " or digit");
        }
        Details clean = checked(administrator.jurisdictionId(), details, name);
        String password = newPassword();
        int created = linking(clean, () -> jdbc.sql(
                        """
                        insert into staff_account (username, display_name, title, password_hash, roles, jurisdiction_id,
                            department_code, person_key, password_must_change, password_changed_at, changed_at)
                        values (:u, :name, :title, :hash, :roles, :j, :department, :person, true, :now, :now)
                        on conflict (username) do nothing""")
                .param("u", name)
                .param("name", clean.displayName())
                .param("title", clean.title())
                .param("hash", passwords.encode(password))
                .param("roles", roleNames(clean.roles()))
                .param("j", administrator.jurisdictionId())
                .param("department", clean.departmentCode())
                .param("person", clean.personKey())
                .param("now", Timestamp.from(clock.instant()))
                .update());
        if (created == 0) {
            throw new InvalidInputException("username", name + " is taken");
        }
        record(administrator, name, "created: " + describe(clean));
        return new GivenPassword(name, password);
    }

    /**
     * Creates a new jurisdiction's first administrator, who then creates everyone else's account from the console.
     *
     * @param actor who created it, for the record ("city command")
     * @throws InvalidInputException when the jurisdiction has an administrator already, or naming the field at fault
     */
    @Transactional
    public GivenPassword createFirstAdministrator(
            String jurisdictionId, String username, String displayName, String actor) {
        int administrators = jdbc.sql(
                        """
                        select count(*) from staff_account
                        where jurisdiction_id = :j and enabled and 'ADMINISTRATOR' = any(roles)""")
                .param("j", jurisdictionId)
                .query(Integer.class)
                .single();
        if (administrators > 0) {
            throw new InvalidInputException(
                    "administrator", jurisdictionId + " has an administrator already; they create the other accounts");
        }
        StaffMember founder =
                new StaffMember(actor, actor, actor, Set.of(Role.ADMINISTRATOR), jurisdictionId, null, null);
        return create(
                founder, username, new Details(displayName, "Administrator", Set.of(Role.ADMINISTRATOR), null, null));
    }

    /**
     * For an administrator locked out (a password lost or expired unused, an authenticator lost) or a city left with
     * none: from the server's command line, whoever runs it holding the database already. The account is made an
     * enabled administrator with a new password, to be changed at sign-in, and without its second step; an account
     * not there yet is created, with the name given.
     *
     * @param displayName the new account's name; unused for an account that exists
     * @throws InvalidInputException when a new account has no name, or naming the field at fault
     */
    @Transactional
    public GivenPassword recoverAdministrator(
            String jurisdictionId, String username, @Nullable String displayName, String actor) {
        StaffMember commandLine =
                new StaffMember(actor, actor, actor, Set.of(Role.ADMINISTRATOR), jurisdictionId, null, null);
        StaffAccount account;
        try {
            account = lock(commandLine, username);
        } catch (NotFoundException none) {
            if (displayName == null || displayName.isBlank()) {
                throw new InvalidInputException("name", "is required for an account that is not there yet");
            }
            return create(
                    commandLine,
                    username,
                    new Details(displayName, "Administrator", Set.of(Role.ADMINISTRATOR), null, null));
        }
        Set<Role> roles = EnumSet.of(Role.ADMINISTRATOR);
        roles.addAll(account.roles());
        String password = newPassword();
        jdbc.sql(
                        """
                        update staff_account set roles = :roles, enabled = true, totp_secret = null,
                            totp_last_step = null, password_hash = :hash, password_must_change = true,
                            password_changed_at = :now, changed_at = :now
                        where username = :u""")
                .param("roles", roleNames(roles))
                .param("hash", passwords.encode(password))
                .param("now", Timestamp.from(clock.instant()))
                .param("u", username)
                .update();
        endSessions(username);
        record(commandLine, username, "recovered as an administrator: new password given, two-step sign-in off");
        return new GivenPassword(username, password);
    }

    /**
     * Changes a person's name, title, roles, department and directory entry. A change of roles, department or entry
     * ends their sessions, so that it holds on their next page.
     */
    @Transactional
    public void change(StaffMember administrator, String username, Details details) {
        StaffAccount before = lock(administrator, username);
        Details clean = checked(administrator.jurisdictionId(), details, username);
        if (before.roles().contains(Role.ADMINISTRATOR) && !clean.roles().contains(Role.ADMINISTRATOR)) {
            keepAnAdministrator(administrator, username);
        }
        linking(clean, () -> jdbc.sql(
                        """
                        update staff_account set display_name = :name, title = :title, roles = :roles,
                            department_code = :department, person_key = :person, changed_at = :now
                        where username = :u""")
                .param("name", clean.displayName())
                .param("title", clean.title())
                .param("roles", roleNames(clean.roles()))
                .param("department", clean.departmentCode())
                .param("person", clean.personKey())
                .param("now", Timestamp.from(clock.instant()))
                .param("u", username)
                .update());
        boolean access = !before.roles().equals(clean.roles())
                || !java.util.Objects.equals(before.departmentCode(), clean.departmentCode())
                || !java.util.Objects.equals(before.personKey(), clean.personKey());
        if (access) {
            endSessions(username);
        }
        if (before.departmentCode() != null && !before.departmentCode().equals(clean.departmentCode())) {
            events.publishEvent(new StaffAccountMoved(
                    administrator.jurisdictionId(),
                    username,
                    before.departmentCode(),
                    clean.departmentCode(),
                    administrator.username()));
        }
        record(administrator, username, "changed: " + describe(clean));
    }

    /**
     * A new password for someone who lost theirs, shown once, to be changed at sign-in; their sessions end.
     *
     * @param shownAt when the password had last changed as the administrator's page showed it: if it changed since
     *     (the same form sent twice, by a page refreshed), the password already given is kept, not silently replaced
     * @throws InvalidInputException when it changed since {@code shownAt}
     */
    @Transactional
    public GivenPassword resetPassword(StaffMember administrator, String username, @Nullable Instant shownAt) {
        StaffAccount account = lock(administrator, username);
        if (shownAt != null
                && account.passwordChangedAt() != null
                && account.passwordChangedAt().isAfter(shownAt)) {
            throw new InvalidInputException(
                    "password",
                    "a new password was given since this page was shown (was the form sent twice?); the one given"
                            + " then still works: give another only if it is lost");
        }
        String password = newPassword();
        jdbc.sql(
                        """
                        update staff_account set password_hash = :hash, password_must_change = true,
                            password_changed_at = :now, changed_at = :now
                        where username = :u""")
                .param("hash", passwords.encode(password))
                .param("now", Timestamp.from(clock.instant()))
                .param("u", username)
                .update();
        endSessions(username);
        record(administrator, username, "new password given");
        return new GivenPassword(username, password);
    }

    /** Turns off the second step of someone who lost their authenticator; they sign in with their password alone. */
    @Transactional
    public void turnOffTwoStep(StaffMember administrator, String username) {
        StaffAccount account = lock(administrator, username);
        if (!account.twoStep()) {
            throw new InvalidInputException("twoStep", username + " does not use two-step sign-in");
        }
        jdbc.sql(
                        """
                        update staff_account set totp_secret = null, totp_last_step = null,
                            password_changed_at = :now, changed_at = :now
                        where username = :u""")
                .param("now", Timestamp.from(clock.instant()))
                .param("u", username)
                .update();
        endSessions(username);
        record(administrator, username, "two-step sign-in turned off");
    }

    /** Disables an account, or enables it again. A disabled account cannot sign in; its sessions end at once. */
    @Transactional
    public void setEnabled(StaffMember administrator, String username, boolean enabled) {
        StaffAccount account = lock(administrator, username);
        if (account.enabled() == enabled) {
            return;
        }
        if (!enabled && account.roles().contains(Role.ADMINISTRATOR)) {
            keepAnAdministrator(administrator, username);
        }
        jdbc.sql("update staff_account set enabled = :enabled, changed_at = :now where username = :u")
                .param("enabled", enabled)
                .param("now", Timestamp.from(clock.instant()))
                .param("u", username)
                .update();
        if (!enabled) {
            endSessions(username);
            events.publishEvent(
                    new StaffAccountDisabled(administrator.jurisdictionId(), username, administrator.username()));
        }
        record(administrator, username, enabled ? "enabled" : "disabled");
    }

    /**
     * Takes a person's public name and photo off what residents see (the team page, signed replies), as when a
     * front-line colleague is harassed or a photo is not fit to show: their initials stand in for both, until they
     * choose otherwise.
     *
     * @return the photo's address, for the caller to delete its file once this commits, if there was one
     */
    @Transactional
    public java.util.Optional<String> clearPublicProfile(StaffMember administrator, String username) {
        StaffAccount account = lock(administrator, username);
        String photo = jdbc.sql("select photo_path from staff_account where username = :u")
                .param("u", username)
                .query(String.class)
                .optional()
                .orElse(null);
        // Their initials stand in, never the display name, which is their full name.
        jdbc.sql(
                        """
                        update staff_account set public_name = :initials, signature = 'INITIALS', photo_path = null
                        where username = :u""")
                .param(
                        "initials",
                        String.join(
                                " ",
                                StaffProfile.initials(account.displayName())
                                        .chars()
                                        .mapToObj(letter -> Character.toString(letter) + ".")
                                        .toList()))
                .param("u", username)
                .update();
        record(administrator, username, "public name and photo removed");
        return java.util.Optional.ofNullable(photo);
    }

    /**
     * Forgets the identity at the city's OpenID provider the account was linked to, so that its owner links it again
     * from their profile: when the provider gave the person a new identity.
     */
    @Transactional
    public void forgetOidcIdentity(StaffMember administrator, String username) {
        lock(administrator, username);
        int forgotten = jdbc.sql(
                        """
                        update staff_account set oidc_issuer = null, oidc_subject = null
                        where username = :u and oidc_subject is not null""")
                .param("u", username)
                .update();
        if (forgotten == 0) {
            throw new InvalidInputException("oidc", username + " has not signed in through the city's provider");
        }
        endSessions(username);
        record(administrator, username, "sign-in through the city's provider forgotten");
    }

    /** Whether the account's password was given by an administrator and must be changed before anything else. */
    public boolean mustChangePassword(String username) {
        return jdbc.sql("select password_must_change from staff_account where username = :u")
                .param("u", username)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    private static final String SELECT =
            """
            select username, display_name, title, roles, department_code, person_key, enabled,
                totp_secret is not null as two_step,
                password_must_change, last_signed_in_at, password_changed_at
            from staff_account""";

    private static StaffAccount account(java.sql.ResultSet rs) throws java.sql.SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : (String[]) rs.getArray("roles").getArray()) {
            roles.add(Role.valueOf(role));
        }
        return new StaffAccount(
                rs.getString("username"),
                rs.getString("display_name"),
                rs.getString("title"),
                roles,
                rs.getString("department_code"),
                rs.getString("person_key"),
                rs.getBoolean("enabled"),
                rs.getBoolean("two_step"),
                rs.getBoolean("password_must_change"),
                rs.getTimestamp("last_signed_in_at") == null
                        ? null
                        : rs.getTimestamp("last_signed_in_at").toInstant(),
                rs.getTimestamp("password_changed_at") == null
                        ? null
                        : rs.getTimestamp("password_changed_at").toInstant());
    }

    /** The account, locked for the change, in the administrator's jurisdiction only. */
    private StaffAccount lock(StaffMember administrator, String username) {
        return jdbc.sql(SELECT + " where jurisdiction_id = :j and username = :u for update")
                .param("j", administrator.jurisdictionId())
                .param("u", username)
                .query((rs, n) -> account(rs))
                .optional()
                .orElseThrow(() -> new NotFoundException("no staff account " + username));
    }

    /** Nobody locks the city out of its own set-up: the last enabled administrator stays one. */
    private void keepAnAdministrator(StaffMember administrator, String username) {
        // One such check at a time per jurisdiction: two administrators disabling each other at once would otherwise
        // each see the other still enabled.
        jdbc.sql("select pg_advisory_xact_lock(hashtext('administrators of ' || :j))")
                .param("j", administrator.jurisdictionId())
                .query((rs, n) -> 0)
                .list();
        if (administrator.username().equals(username)) {
            throw new InvalidInputException(
                    "username",
                    "you cannot disable your own account or give up your own administrator role; ask another"
                            + " administrator");
        }
        int others = jdbc.sql(
                        """
                        select count(*) from staff_account
                        where jurisdiction_id = :j and enabled and 'ADMINISTRATOR' = any(roles) and username <> :u""")
                .param("j", administrator.jurisdictionId())
                .param("u", username)
                .query(Integer.class)
                .single();
        if (others == 0) {
            throw new InvalidInputException(
                    "username", username + " is the last administrator; name another administrator first");
        }
    }

    private Details checked(String jurisdictionId, Details details, String username) {
        String name = PlainText.singleLine(details.displayName());
        String title = PlainText.singleLine(details.title());
        if (name == null) {
            throw new InvalidInputException("displayName", "is required");
        }
        if (title == null) {
            throw new InvalidInputException("title", "is required");
        }
        for (var field : List.of(List.of("displayName", name), List.of("title", title))) {
            if (field.get(1).length() > 100) {
                throw new InvalidInputException(field.get(0), "is longer than 100 characters");
            }
            if (PlainText.containsMarkup(field.get(1))) {
                throw new InvalidInputException(field.get(0), "must be plain text");
            }
        }
        if (details.roles().isEmpty()) {
            throw new InvalidInputException("roles", "choose at least one role");
        }
        String department = PlainText.singleLine(details.departmentCode());
        boolean inADepartment = details.roles().stream().anyMatch(IN_A_DEPARTMENT::contains);
        if (inADepartment && department == null) {
            throw new InvalidInputException("department", "is required for department staff and managers");
        }
        if (department != null && catalog.department(jurisdictionId, department).isEmpty()) {
            throw new InvalidInputException("department", "no department " + department);
        }
        String person = PlainText.singleLine(details.personKey());
        if (person != null) {
            if (catalog.person(jurisdictionId, person).isEmpty()) {
                throw new InvalidInputException("person", "no one in the directory is " + person);
            }
            // Escalations to a person go to one account, or a manager's queue would be worked twice.
            jdbc.sql(
                            """
                            select username from staff_account
                            where jurisdiction_id = :j and person_key = :person and username <> :u""")
                    .param("j", jurisdictionId)
                    .param("person", person)
                    .param("u", username)
                    .query(String.class)
                    .optional()
                    .ifPresent(other -> {
                        throw new InvalidInputException(
                                "person", person + " is already the directory entry of " + other);
                    });
        }
        return new Details(name, title, details.roles(), department, person);
    }

    /**
     * Writes an account that names a directory entry: two administrators linking one entry at once meet the unique
     * index, and the second is refused as the check in {@link #checked} would have.
     */
    private static int linking(Details details, java.util.function.IntSupplier write) {
        try {
            return write.getAsInt();
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw new InvalidInputException(
                    "person", details.personKey() + " is already the directory entry of another account");
        }
    }

    private static String describe(Details details) {
        return details.displayName() + ", " + details.title() + "; "
                + String.join(
                        ", ", details.roles().stream().map(Role::label).sorted().toList())
                + (details.departmentCode() == null ? "" : "; " + details.departmentCode())
                + (details.personKey() == null ? "" : "; directory entry " + details.personKey());
    }

    private static String[] roleNames(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().toArray(String[]::new);
    }

    /**
     * Lets go of a directory entry that was removed: the accounts linked to it no longer receive what is escalated to
     * that person, and their sessions end so that their next page shows it.
     */
    @ApplicationModuleListener
    void on(DirectoryEntryRemoved removed) {
        List<String> unlinked = jdbc.sql(
                        """
                        update staff_account set person_key = null, changed_at = :now
                        where jurisdiction_id = :j and person_key = :key
                            -- Delivered again after the key came back and was linked anew: that link stays.
                            and not exists (select 1 from person where jurisdiction_id = :j and key = :key)
                        returning username""")
                .param("now", Timestamp.from(clock.instant()))
                .param("j", removed.jurisdictionId())
                .param("key", removed.key())
                .query(String.class)
                .list();
        StaffMember catalogue =
                new StaffMember(removed.actor(), removed.actor(), "", Set.of(), removed.jurisdictionId(), null, null);
        for (String username : unlinked) {
            record(catalogue, username, "directory entry " + removed.key() + " removed from the directory");
            endSessions(username);
        }
    }

    private void record(StaffMember administrator, String username, String change) {
        jdbc.sql(
                        """
                        insert into staff_account_change (jurisdiction_id, username, at, actor, change)
                        values (:j, :u, :at, :actor, :change)""")
                .param("j", administrator.jurisdictionId())
                .param("u", username)
                .param("at", Timestamp.from(clock.instant()))
                .param("actor", administrator.username())
                .param("change", change)
                .update();
    }

    private void endSessions(String username) {
        sessions.endAfterCommit(username);
    }

    /** Four groups of four from an unambiguous alphabet: about 92 bits. */
    private String newPassword() {
        StringBuilder password = new StringBuilder(19);
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                password.append('-');
            }
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
