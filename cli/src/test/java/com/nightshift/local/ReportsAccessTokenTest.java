package com.nightshift.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;

/** The local run's bearer token, checked as reporting-service checks it: HS256 with the stack's key, and expiry. */
class ReportsAccessTokenTest {

    private static final String KEY = "0123456789abcdef".repeat(4);

    @Test
    void the_token_is_an_hs256_jwt_signed_with_the_key_and_valid_for_twelve_hours() throws Exception {
        Instant issued = Instant.parse("2026-11-30T12:00:00Z");

        SignedJWT jwt = SignedJWT.parse(ReportsAccessToken.issue(KEY, "nightshift-local", issued,
                ReportsAccessToken.LOCAL_VALIDITY));

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(jwt.verify(new MACVerifier(KEY.getBytes(StandardCharsets.UTF_8)))).isTrue();
        assertThat(jwt.verify(new MACVerifier("f".repeat(64).getBytes(StandardCharsets.UTF_8)))).isFalse();
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("nightshift-local");
        assertThat(jwt.getJWTClaimsSet().getIssueTime().toInstant()).isEqualTo(issued);
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(issued.plus(Duration.ofHours(12)));
    }

    @Test
    void a_key_shorter_than_256_bits_is_refused_by_name() {
        assertThatThrownBy(() -> ReportsAccessToken.issue("short", "s", Instant.now(), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("REPORTS_TOKEN_KEY has 5 bytes");
    }

    @Test
    void the_curl_line_lists_the_reports_with_the_token() {
        assertThat(ReportsAccessToken.curlLine(URI.create("http://127.0.0.1:41000"), "abc.def.ghi"))
                .isEqualTo("curl -H 'Authorization: Bearer abc.def.ghi' http://127.0.0.1:41000/reports");
    }
}
