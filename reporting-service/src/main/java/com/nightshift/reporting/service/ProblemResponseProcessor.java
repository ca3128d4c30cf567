package com.nightshift.reporting.service;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

/**
 * Every error answer of the service as an RFC 9457 problem detail: the exceptions Micronaut maps to a
 * status (no such route, a bad parameter, 401 from the security filter, 500) and the ones this API
 * raises. Hand-written because Micronaut's problem-json module (io.micronaut.problem) has no release
 * that Maven Central serves for this Micronaut platform; this class is what that module's processor
 * does, without the Zalando problem library.
 */
@Singleton
@Primary
public class ProblemResponseProcessor implements ErrorResponseProcessor<byte[]> {

    private final JsonMapper json;

    public ProblemResponseProcessor(JsonMapper json) {
        this.json = json;
    }

    @Override
    public MutableHttpResponse<byte[]> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        String detail = context.getErrors().stream().map(Error::getMessage).findFirst()
                .filter(message -> status.getCode() < 500)
                // A server error's exception text is for the log, not for the caller.
                .orElse(status.getCode() >= 500 ? "the service failed to answer; see its log" : null);
        ProblemDetail problem = new ProblemDetail(ProblemDetail.ABOUT_BLANK, status.getReason(), status.getCode(),
                detail, context.getRequest().getPath());
        byte[] body;
        try {
            body = json.writeValueAsBytes(problem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return response.body(body).contentType(ProblemDetail.MEDIA_TYPE).contentLength(body.length);
    }
}
