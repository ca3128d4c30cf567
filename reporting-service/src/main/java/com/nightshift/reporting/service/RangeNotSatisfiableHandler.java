package com.nightshift.reporting.service;

import com.nightshift.common.storage.RangeNotSatisfiableException;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * A range that starts past the end of the report: 416 with {@code Content-Range: bytes *}{@code /<size>}
 * (RFC 9110 section 15.5.17), so the client learns the size, and a problem detail.
 */
@Singleton
public class RangeNotSatisfiableHandler implements ExceptionHandler<RangeNotSatisfiableException, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> problems;

    public RangeNotSatisfiableHandler(ErrorResponseProcessor<?> problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, RangeNotSatisfiableException exception) {
        return problems.processResponse(ErrorContext.builder(request).cause(exception)
                        .errorMessage("the requested range starts past the end of the report (" + exception.size() + " bytes)")
                        .build(),
                HttpResponse.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                        .header("Content-Range", "bytes */" + exception.size()));
    }
}
