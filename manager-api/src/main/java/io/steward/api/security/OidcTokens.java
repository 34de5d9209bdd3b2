package io.steward.api.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.steward.tenancy.error.AccessDeniedException;
import io.steward.tenancy.error.Problem;
import io.steward.tenancy.member.ExternalUsers;
import io.steward.tenancy.member.Identity;
import io.steward.tenancy.member.TenantRole;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.Set;

/**
 * OIDC access tokens (JWTs) of one configured issuer ({@code steward.oidc.issuer}; off when unset), checked with
 * Nimbus JOSE+JWT: an RS256 or ES256 signature by a key of the issuer's JWK set (fetched from
 * {@code steward.oidc.jwks-url}, by default the {@code jwks_uri} of the issuer's
 * {@code /.well-known/openid-configuration}; cached, and fetched again when a token names a key id the cached set
 * lacks, so the issuer can rotate keys), {@code iss}, {@code aud} and {@code exp}/{@code nbf} with
 * {@code steward.oidc.clock-skew}, read from Steward's clock. The user is named by
 * {@code steward.oidc.username-claim} ({@code preferred_username}, else {@code sub}) and provisioned on first use
 * ({@link ExternalUsers}). The discovery document is read on the first token, so the server starts while the
 * identity provider is down. Token values are never logged.
 */
@Singleton
class OidcTokens {
    private static final Logger LOG = LoggerFactory.getLogger(OidcTokens.class);
    private static final int HTTP_TIMEOUT_MILLIS = 5_000;
    private static final int HTTP_SIZE_LIMIT = 512 * 1024;

    private final ExternalUsers users;
    private final Clock clock;
    private final String issuer;
    private final String audience;
    private final String configuredJwksUrl;
    private final String usernameClaim;
    private final String tenant;
    private final TenantRole role;
    private final Duration clockSkew;
    private final Duration jwksMinRefresh;
    private volatile DefaultJWTProcessor<SecurityContext> processor;

    OidcTokens(ExternalUsers users, Clock clock,
               @Value("${steward.oidc.issuer:}") String issuer,
               @Value("${steward.oidc.audience:}") String audience,
               @Value("${steward.oidc.jwks-url:}") String jwksUrl,
               @Value("${steward.oidc.username-claim:preferred_username}") String usernameClaim,
               @Value("${steward.oidc.tenant:default_tenant}") String tenant,
               @Value("${steward.oidc.tenant-role:user}") String role,
               @Value("${steward.oidc.clock-skew:60s}") Duration clockSkew,
               @Value("${steward.oidc.jwks-min-refresh-interval:30s}") Duration jwksMinRefresh) {
        this.users = users;
        this.clock = clock;
        this.issuer = blankToNull(issuer);
        this.audience = blankToNull(audience);
        this.configuredJwksUrl = blankToNull(jwksUrl);
        this.usernameClaim = blankToNull(usernameClaim) == null ? "preferred_username" : usernameClaim.trim();
        this.tenant = blankToNull(tenant) == null ? io.steward.tenancy.tenant.TenantService.DEFAULT_TENANT
                : tenant.trim();
        this.role = TenantRole.of(role);
        this.clockSkew = clockSkew;
        this.jwksMinRefresh = jwksMinRefresh;
        if (this.issuer != null && this.audience == null) {
            throw new ConfigurationException("steward.oidc.audience (STEWARD_OIDC_AUDIENCE) must be set with"
                    + " steward.oidc.issuer: without it a token the issuer made for any other client would be taken");
        }
        if (this.issuer != null) {
            url(this.issuer, "steward.oidc.issuer");
        }
        if (this.configuredJwksUrl != null) {
            url(this.configuredJwksUrl, "steward.oidc.jwks-url");
        }
    }

    /** Whether an issuer is configured: otherwise a bearer value that is not an API token is refused. */
    boolean enabled() {
        return issuer != null;
    }

    /** The user the access token names, valid until the token expires; 401 for any token this issuer did not make. */
    Identity identify(String accessToken) {
        JWTClaimsSet claims;
        try {
            claims = processor().process(accessToken, null);
        } catch (ParseException e) {
            throw invalid("not a JWT");
        } catch (BadJOSEException e) {
            throw invalid(e.getMessage());
        } catch (KeySourceException e) {
            LOG.warn("The signing keys of {} could not be fetched: {}", issuer, e.getMessage());
            throw invalid("the identity provider's signing keys could not be fetched");
        } catch (JOSEException e) {
            throw invalid(e.getMessage());
        }
        String username = stringClaim(claims, usernameClaim);
        if (username == null) {
            username = stringClaim(claims, "sub");
        }
        if (username == null) {
            throw invalid("it names no user (no " + usernameClaim + " or sub claim)");
        }
        return users.identify(username, tenant, role).expiringAt(claims.getExpirationTime().toInstant());
    }

    private DefaultJWTProcessor<SecurityContext> processor() {
        DefaultJWTProcessor<SecurityContext> current = processor;
        if (current == null) {
            synchronized (this) {
                current = processor;
                if (current == null) {
                    current = build(jwksUrl());
                    processor = current;
                }
            }
        }
        return current;
    }

    private DefaultJWTProcessor<SecurityContext> build(URL jwksUrl) {
        JWKSourceBuilder<SecurityContext> source = JWKSourceBuilder.create(jwksUrl, retriever())
                .refreshAheadCache(false)
                .retrying(false);
        source = jwksMinRefresh.isZero() ? source.rateLimited(false) : source.rateLimited(jwksMinRefresh.toMillis());
        JWKSource<SecurityContext> keys = source.build();
        DefaultJWTProcessor<SecurityContext> built = new DefaultJWTProcessor<>();
        // RFC 9068 access tokens are typed at+jwt; Keycloak's say JWT; some say nothing.
        built.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT,
                new JOSEObjectType("at+jwt"), null));
        built.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256),
                keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                // Mutable sets: Nimbus asks them whether they contain null, which Set.of refuses to answer.
                new java.util.HashSet<>(Set.of(audience)), new JWTClaimsSet.Builder().issuer(issuer).build(),
                new java.util.HashSet<>(Set.of("iss", "exp")), new java.util.HashSet<>()) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        claims.setMaxClockSkew((int) Math.min(Integer.MAX_VALUE, clockSkew.toSeconds()));
        built.setJWTClaimsSetVerifier(claims);
        return built;
    }

    /** The configured JWK set URL, else the discovery document's {@code jwks_uri}. */
    private URL jwksUrl() {
        if (configuredJwksUrl != null) {
            return url(configuredJwksUrl, "steward.oidc.jwks-url");
        }
        String discovery = issuer.endsWith("/") ? issuer + ".well-known/openid-configuration"
                : issuer + "/.well-known/openid-configuration";
        try {
            Resource document = retriever().retrieveResource(url(discovery, "steward.oidc.issuer"));
            Map<String, Object> json = JSONObjectUtils.parse(document.getContent());
            String jwksUri = JSONObjectUtils.getString(json, "jwks_uri");
            if (jwksUri == null) {
                throw new ParseException("no jwks_uri", 0);
            }
            return new URI(jwksUri).toURL();
        } catch (IOException | ParseException | java.net.URISyntaxException | IllegalArgumentException e) {
            LOG.warn("The OpenID configuration of {} could not be read: {}", issuer, e.getMessage());
            throw invalid("the identity provider's configuration could not be read");
        }
    }

    private static DefaultResourceRetriever retriever() {
        return new DefaultResourceRetriever(HTTP_TIMEOUT_MILLIS, HTTP_TIMEOUT_MILLIS, HTTP_SIZE_LIMIT);
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String text && !text.isBlank() ? text : null;
    }

    private static URL url(String value, String setting) {
        try {
            URI uri = new URI(value);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                throw new ConfigurationException(setting + ": `" + value + "` is not an http(s) URL");
            }
            return uri.toURL();
        } catch (java.net.URISyntaxException | MalformedURLException | IllegalArgumentException e) {
            throw new ConfigurationException(setting + ": `" + value + "` is not an http(s) URL");
        }
    }

    private static AccessDeniedException invalid(String reason) {
        return new AccessDeniedException(Problem.UNAUTHENTICATED, "User unauthorized: Invalid bearer token: " + reason);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
