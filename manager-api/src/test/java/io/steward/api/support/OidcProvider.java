package io.steward.api.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small real OpenID provider for tests: serves {@code /.well-known/openid-configuration} and a JWK set of keys it
 * made itself (one RSA, one EC), and signs access tokens with them. {@link #rotate()} replaces the RSA key with a new
 * one under a new key id, as an identity provider rotating its keys does.
 */
public final class OidcProvider implements AutoCloseable {
    public static final String AUDIENCE = "steward-tests";

    private final HttpServer http;
    private final List<JWK> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private volatile RSAKey rsa;
    private final ECKey ec;

    public OidcProvider() {
        try {
            rsa = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            ec = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
            published.add(rsa.toPublicJWK());
            published.add(ec.toPublicJWK());
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        http.createContext("/realms/test/.well-known/openid-configuration", exchange -> send(exchange,
                "{\"issuer\":\"" + issuer() + "\",\"jwks_uri\":\"" + issuer() + "/protocol/openid-connect/certs\"}"));
        http.createContext("/realms/test/protocol/openid-connect/certs", exchange -> {
            jwksFetches.incrementAndGet();
            send(exchange, new JWKSet(List.copyOf(published)).toString(true));
        });
        http.start();
    }

    public String issuer() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/realms/test";
    }

    /** Server properties for a Steward that trusts this provider (JWKS found through discovery). */
    public Map<String, Object> serverProperties() {
        return Map.of("steward.oidc.issuer", issuer(), "steward.oidc.audience", AUDIENCE,
                "steward.oidc.jwks-min-refresh-interval", "0s");
    }

    public int jwksFetches() {
        return jwksFetches.get();
    }

    /** A new RSA signing key under a new key id replaces the old one in the published set. */
    public void rotate() {
        try {
            RSAKey next = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            published.add(next.toPublicJWK());
            published.removeIf(k -> k.getKeyID().equals(rsa.getKeyID()));
            rsa = next;
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Claims of a valid access token for {@code username}, expiring an hour after {@code now}. */
    public JWTClaimsSet.Builder claims(String username, Instant now) {
        return new JWTClaimsSet.Builder().issuer(issuer()).audience(AUDIENCE).subject(UUID.randomUUID().toString())
                .claim("preferred_username", username).issueTime(java.util.Date.from(now))
                .expirationTime(java.util.Date.from(now.plusSeconds(3600)));
    }

    /** RS256 with the current RSA key. */
    public String rs256(JWTClaimsSet claims) {
        return sign(claims, JWSAlgorithm.RS256, rsa.getKeyID(), rsaSigner(rsa));
    }

    public String es256(JWTClaimsSet claims) {
        try {
            return sign(claims, JWSAlgorithm.ES256, ec.getKeyID(), new ECDSASigner(ec));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RS256 by a key this provider never published, under the current key id. */
    public String forged(JWTClaimsSet claims) {
        try {
            RSAKey stranger = new RSAKeyGenerator(2048).generate();
            return sign(claims, JWSAlgorithm.RS256, rsa.getKeyID(), rsaSigner(stranger));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWSSigner rsaSigner(RSAKey key) {
        try {
            return new RSASSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(JWTClaimsSet claims, JWSAlgorithm algorithm, String keyId, JWSSigner signer) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(keyId).type(JOSEObjectType.JWT).build(),
                claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static void send(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
