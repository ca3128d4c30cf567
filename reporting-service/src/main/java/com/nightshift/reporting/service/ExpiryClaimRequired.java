package com.nightshift.reporting.service;

import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

/**
 * Refuses a token without an expiry ({@code exp}). Micronaut Security rejects expired tokens but takes
 * one without {@code exp} as valid for ever; a leaked token of that kind would open the reports until
 * the key is rotated.
 */
@Singleton
public class ExpiryClaimRequired implements GenericJwtClaimsValidator<HttpRequest<?>> {

    @Override
    public boolean validate(@NonNull Claims claims, @Nullable HttpRequest<?> request) {
        return claims.contains(Claims.EXPIRATION_TIME);
    }
}
