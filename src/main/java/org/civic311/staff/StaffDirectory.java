package org.civic311.staff;

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

    static final int MIN_PASSWORD = 12;

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;

    StaffDirectory(JdbcClient jdbc, PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.passwords = passwords;
    }

    /** Creates an account; its password is stored only as a slow hash. */
    public void register(StaffMember member, String password) {
        if (password.length() < MIN_PASSWORD) {
            throw new InvalidInputException("password", "must have at least " + MIN_PASSWORD + " characters");
        }
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
                .query((rs, n) -> new StaffMember(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        roles((String[]) rs.getArray(4).getArray()),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7)))
                .optional();
    }

    /** A staff member's profile. */
    public Optional<StaffProfile> profile(String username) {
        return jdbc.sql(
                        """
                        select username, display_name, title, team, public_name, photo_path, signature
                        from staff_account where username = :username and enabled""")
                .param("username", username)
                .query((rs, n) -> new StaffProfile(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5) == null ? rs.getString(2) : rs.getString(5),
                        rs.getString(6),
                        StaffProfile.Signature.valueOf(rs.getString(7))))
                .optional();
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

    public List<StaffMember> all() {
        return jdbc
                .sql("select username from staff_account where enabled order by username")
                .query(String.class)
                .list()
                .stream()
                .map(this::find)
                .flatMap(Optional::stream)
                .toList();
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
