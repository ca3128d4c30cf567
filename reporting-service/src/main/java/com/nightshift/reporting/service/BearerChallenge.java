package com.nightshift.reporting.service;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.WwwAuthenticateChallengeProvider;
import jakarta.inject.Singleton;

/**
 * {@code WWW-Authenticate: Bearer realm="nightshift-reports"} on every 401 (RFC 6750 section 3): the
 * API takes bearer JWTs only, and Micronaut Security ships a challenge for Basic authentication alone.
 */
@Singleton
public class BearerChallenge implements WwwAuthenticateChallengeProvider<HttpRequest<?>> {

    static final String CHALLENGE = "Bearer realm=\"nightshift-reports\"";

    @Override
    public String getWwwAuthenticateChallenge(HttpRequest<?> request) {
        return CHALLENGE;
    }
}
