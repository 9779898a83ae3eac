package io.parley.customer;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/** Mints identity JWTs the way a host application would (Nimbus, the library Spring Security verifies with). */
public final class IdentityJwts {

    private IdentityJwts() {
    }

    /** Claims with {@code sub} and an {@code exp} ten minutes ahead, plus {@code extra} (a null value removes one). */
    public static JWTClaimsSet claims(String subject, Map<String, Object> extra) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().subject(subject)
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).issueTime(new Date());
        extra.forEach(builder::claim);
        return builder.build();
    }

    public static String hs256(String secret, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String rs256(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    public static RSAKey rsaKey(String keyId) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(keyId).build();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String jwks(RSAKey... keys) {
        return new JWKSet(java.util.List.of(keys)).toPublicJWKSet().toString();
    }

    public static String pem(RSAKey key) {
        try {
            return "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.toRSAPublicKey().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
