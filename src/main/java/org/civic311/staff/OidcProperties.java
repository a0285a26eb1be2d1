package org.civic311.staff;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Staff sign-in through the city's OpenID provider (Keycloak, Entra ID, any OpenID Connect server), switched on by
 * configuration. Each person who signs in this way must have a staff account: the provider says who they are, the
 * account says what they may do.
 *
 * @param issuerUri the provider's issuer, which the ID token must name
 * @param usernameClaim the ID token claim that holds the staff account's user name
 * @param buttonLabel the text of the sign-in button
 */
@ConfigurationProperties("civic311.oidc")
record OidcProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("oidc") String registrationId,
        @DefaultValue("Sign in with the city's account") String buttonLabel,
        @Nullable String clientId,
        @Nullable String clientSecret,
        @Nullable String issuerUri,
        @Nullable String authorizationUri,
        @Nullable String tokenUri,
        @Nullable String jwkSetUri,
        @Nullable String userInfoUri,
        @DefaultValue("preferred_username") String usernameClaim,
        @DefaultValue({"openid", "profile", "email"}) List<String> scopes) {}
