package org.civic311.staff;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * OpenID Connect sign-in for staff, present only when {@code civic311.oidc.enabled=true}. The provider's endpoints
 * are configured, not discovered, so that Civic311 starts even while the provider is down.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "civic311.oidc.enabled", havingValue = "true")
class OidcSignIn {

    @Bean
    ClientRegistrationRepository clientRegistrations(OidcProperties properties) {
        ClientRegistration registration = ClientRegistration.withRegistrationId(properties.registrationId())
                .clientId(required("client-id", properties.clientId()))
                .clientSecret(properties.clientSecret())
                .clientAuthenticationMethod(
                        properties.clientSecret() == null
                                ? ClientAuthenticationMethod.NONE
                                : ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope(properties.scopes())
                .issuerUri(required("issuer-uri", properties.issuerUri()))
                .authorizationUri(required("authorization-uri", properties.authorizationUri()))
                .tokenUri(required("token-uri", properties.tokenUri()))
                .jwkSetUri(required("jwk-set-uri", properties.jwkSetUri()))
                .userInfoUri(properties.userInfoUri())
                .userNameAttributeName(properties.usernameClaim())
                .clientName(properties.buttonLabel())
                .build();
        return new InMemoryClientRegistrationRepository(registration);
    }

    /** Signs in only people with an enabled staff account, with that account's roles. */
    @Bean
    OAuth2UserService<OidcUserRequest, OidcUser> staffOidcUsers(StaffDirectory directory, OidcProperties properties) {
        OidcUserService provider = new OidcUserService();
        return request -> {
            OidcUser user = provider.loadUser(request);
            String username = accountName(user.getClaims(), properties.usernameClaim());
            if (username == null) {
                throw new OAuth2AuthenticationException(new OAuth2Error(
                        "access_denied", "the provider vouched for no " + properties.usernameClaim(), null));
            }
            StaffMember member = directory.find(username).orElse(null);
            if (member == null) {
                throw new OAuth2AuthenticationException(new OAuth2Error(
                        "access_denied", "no staff account for " + properties.usernameClaim() + " " + username, null));
            }
            // The name claim picks the account; the provider's subject, which its users cannot change, must be the
            // one its owner linked it to, signed in with its password. Linked at its first sign-in instead, an
            // account would be anyone's who took its name at a provider that lets users choose or change it.
            if (!directory.hasOidcIdentity(member.username()) && !OidcLinking.asked(member.username())) {
                throw new OAuth2AuthenticationException(new OAuth2Error(
                        "access_denied",
                        "account " + member.username() + " is not linked to the city's sign-in yet: sign in with its"
                                + " password once and link it from the profile",
                        null));
            }
            String issuer = String.valueOf(user.getIdToken().getIssuer());
            if (!directory.isOidcIdentityOf(member.username(), issuer, user.getSubject())) {
                throw new OAuth2AuthenticationException(new OAuth2Error(
                        "access_denied",
                        "account " + member.username() + " is bound to another identity at the provider",
                        null));
            }
            directory.recordSignIn(member.username(), java.time.Instant.now());
            return new DefaultOidcUser(
                    member.roles().stream()
                            .map(role -> new SimpleGrantedAuthority(role.authority()))
                            .toList(),
                    user.getIdToken(),
                    user.getUserInfo(),
                    properties.usernameClaim());
        };
    }

    /**
     * The staff account's user name the provider vouches for, or null. An email address names an account only when
     * the provider says it verified it: most providers let a user type any address into their profile.
     */
    static @Nullable String accountName(Map<String, Object> claims, String usernameClaim) {
        Object claim = claims.get(usernameClaim);
        if (claim == null || claim.toString().isBlank()) {
            return null;
        }
        if (usernameClaim.equals("email") && !Boolean.TRUE.equals(claims.get("email_verified"))) {
            return null;
        }
        return claim.toString();
    }

    private static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("civic311.oidc." + name + " must be set when OIDC sign-in is enabled");
        }
        return value;
    }
}
