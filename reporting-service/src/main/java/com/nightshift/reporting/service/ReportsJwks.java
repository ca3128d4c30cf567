package com.nightshift.reporting.service;

import com.nimbusds.jose.jwk.KeyType;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.security.token.jwt.signature.jwks.JwksSignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * Tokens from an identity provider: when {@code REPORTS_JWKS_URL} (from the task definition) names a
 * JSON Web Key Set, Micronaut Security also accepts RSA-signed tokens (RS256 and the like) whose key is
 * in that set, beside the HS256 tokens of the stack's own key. The set is fetched on the first such
 * token, not at startup, and kept {@value #CACHE_SECONDS} seconds.
 */
@Singleton
@Named("reports-jwks")
@Requires(property = "reports.jwks.url", pattern = ".+")
public class ReportsJwks implements JwksSignatureConfiguration {

    static final int CACHE_SECONDS = 300;

    private final String url;

    public ReportsJwks(@Property(name = "reports.jwks.url") String url) {
        this.url = url;
    }

    @Override
    public String getName() {
        return "reports-jwks";
    }

    @Override
    public String getUrl() {
        return url;
    }

    @Override
    public KeyType getKeyType() {
        return KeyType.RSA;
    }

    @Override
    public Integer getCacheExpiration() {
        return CACHE_SECONDS;
    }
}
