package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The production mode of authentication: an OIDC/JWT resource server. Tokens are signed here with a key pair whose
 * public half is given to the service as {@code public-key-location}; the {@code roles} claim names the roles.
 */
class JwtSecurityHttpTest extends HttpTestBase {

    private static final KeyPair SSO_KEYS = rsaKeyPair();
    private static final KeyPair OTHER_KEYS = rsaKeyPair();

    @DynamicPropertySource
    static void trustTheSsoKey(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location",
                () -> "file:" + publicKeyPem(SSO_KEYS));
    }

    @Test
    void acceptsABearerTokenAndRecordsItsSubjectAsTheActor() {
        String code = "JWT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        withToken(token(SSO_KEYS, "zhang.admin", List.of("admin")), "POST", "/api/v1/programs", """
                {"code":"%s","name":"令牌测试","region":"650100","monthlyStandard":"120.00","deadlineDay":25,"reviewLevels":3}
                """.formatted(code)).expect(201);

        String metadata = jdbc.queryForObject("SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? AND sequence_number = 0", String.class, code);
        assertThat(metadata).contains("\"actor\":\"zhang.admin\"").contains("\"role\":\"ADMIN\"");
    }

    @Test
    void forbidsATokenWhoseRolesDoNotAllowTheAction() {
        withToken(token(SSO_KEYS, "li.clerk", List.of("CLERK")), "POST", "/api/v1/programs", """
                {"code":"JWT-NO","name":"x","region":"650100","monthlyStandard":"120.00"}""")
                .expectProblem(403, "FORBIDDEN");
    }

    @Test
    void rejectsATokenSignedByAnotherKeyWith401() {
        withToken(token(OTHER_KEYS, "mallory", List.of("ADMIN")), "GET", "/api/v1/programs", null)
                .expectProblem(401, "UNAUTHENTICATED");
    }

    @Test
    void rejectsAnExpiredTokenWith401() {
        withToken(token(SSO_KEYS, "zhang.admin", List.of("ADMIN"), Instant.now().minusSeconds(3600)),
                "GET", "/api/v1/programs", null).expectProblem(401, "UNAUTHENTICATED");
    }

    @Test
    void aTokensRegionsClaimScopesItsUserAndANonsenseRegionSeesNothing() {
        String code = newProgram("JWTSCOPE");
        String tianshan = validId("65010219390303123");
        post("clerk", "/api/v1/programs/" + code + "/enrolments", """
                {"effectiveFrom":"2023-01","recipients":[{"id":"%s","name":"王五","region":"650102"}]}"""
                .formatted(tianshan)).expect(201);
        eventually(() -> get("inspector", "/api/v1/recipients/" + tianshan).status() == 200);
        withToken(token(SSO_KEYS, "zhao.tianshan", List.of("INSPECTOR"), List.of("650102")), "GET",
                "/api/v1/recipients/" + tianshan, null).expect(200);
        withToken(token(SSO_KEYS, "qian.saybagh", List.of("INSPECTOR"), List.of("650103")), "GET",
                "/api/v1/recipients/" + tianshan, null).expectProblem(404, "UNKNOWN_RECIPIENT");
        Answer nonsense = withToken(token(SSO_KEYS, "sun.typo", List.of("INSPECTOR"), List.of("65x")), "GET",
                "/api/v1/overpayments?program=" + code, null).expect(200);
        assertThat(nonsense.json().get("total").asLong()).isZero();
        withToken(token(SSO_KEYS, "sun.typo", List.of("INSPECTOR"), List.of("65x")), "GET",
                "/api/v1/recipients/" + tianshan, null).expectProblem(404, "UNKNOWN_RECIPIENT");
        withToken(token(SSO_KEYS, "zhou.empty", List.of("INSPECTOR"), List.of()), "GET",
                "/api/v1/recipients/" + tianshan, null).expectProblem(404, "UNKNOWN_RECIPIENT");
        // a city's code in the claim stands for the whole city
        withToken(token(SSO_KEYS, "wu.city", List.of("INSPECTOR"), List.of("650100")), "GET",
                "/api/v1/recipients/" + tianshan, null).expect(200);
        // an evaluator's token sees the recipient masked
        Answer masked = withToken(token(SSO_KEYS, "li.evaluator", List.of("EVALUATOR"), List.of("65")), "GET",
                "/api/v1/recipients/" + tianshan, null).expect(200);
        assertThat(masked.json().get("id").asText()).isEqualTo("650102********" + tianshan.substring(14));
        assertThat(masked.json().get("name").asText()).isEqualTo("王*");
    }

    private static String token(KeyPair keys, String subject, List<String> roles, List<String> regions) {
        return token(keys, subject, roles, regions, Instant.now().plusSeconds(600));
    }

    private Answer withToken(String jwt, String method, String path, String json) {
        var builder = request(null, path).header("Authorization", "Bearer " + jwt);
        if (json == null) {
            builder.method(method, java.net.http.HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json")
                    .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        }
        return send(builder.build());
    }

    private static String token(KeyPair keys, String subject, List<String> roles) {
        return token(keys, subject, roles, Instant.now().plusSeconds(600));
    }

    private static String token(KeyPair keys, String subject, List<String> roles, Instant expires) {
        return token(keys, subject, roles, null, expires);
    }

    /** A token signed with {@code keys}; {@code regions} null: no regions claim (an unscoped user). */
    private static String token(KeyPair keys, String subject, List<String> roles, List<String> regions,
                                Instant expires) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).claim("roles", roles)
                .claim("regions", regions).issueTime(Date.from(expires.minusSeconds(900))).expirationTime(Date.from(expires)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path publicKeyPem(KeyPair keys) {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        try {
            Path file = Files.createTempFile("ledger-jwt", ".pem");
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
