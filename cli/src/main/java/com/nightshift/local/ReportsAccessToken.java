package com.nightshift.local;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * A bearer token for a stack's reports API: an HS256 JWT signed with the stack's token key, the
 * {@code REPORTS_TOKEN_KEY} that reporting-service's task definition takes from Secrets Manager, as the
 * service verifies it. The local run issues one so that its API can be called while the stack runs.
 */
final class ReportsAccessToken {

    /** The task definition variable holding the key. */
    static final String KEY_VARIABLE = "REPORTS_TOKEN_KEY";
    /** How long the local run's token stays valid. */
    static final Duration LOCAL_VALIDITY = Duration.ofHours(12);
    /** HS256 needs a key of at least 256 bits. */
    private static final int MIN_KEY_BYTES = 32;

    private ReportsAccessToken() {
    }

    /**
     * A token for {@code subject}, issued at {@code issued} and valid for {@code validity}.
     *
     * @throws IllegalArgumentException when {@code key} is shorter than 256 bits
     */
    static String issue(String key, String subject, Instant issued, Duration validity) {
        byte[] secret = key.getBytes(StandardCharsets.UTF_8);
        if (secret.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException(KEY_VARIABLE + " has " + secret.length + " bytes; HS256 needs at least "
                    + MIN_KEY_BYTES);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .subject(subject)
                .issueTime(Date.from(issued))
                .expirationTime(Date.from(issued.plus(validity)))
                .build());
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a reports token: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }

    /** The command a user pastes to list the reports with {@code token}. */
    static String curlLine(java.net.URI endpoint, String token) {
        return "curl -H 'Authorization: Bearer " + token + "' " + endpoint.resolve("/reports");
    }
}
