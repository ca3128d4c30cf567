package com.nightshift.reporting.service;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An error answer in the RFC 9457 form ({@code application/problem+json}). {@code type} is
 * {@code about:blank} throughout: the status and its title say what kind of problem it is, and
 * {@code detail} says what was wrong with this request.
 *
 * @param type     a URI for the kind of problem
 * @param title    the status's reason phrase
 * @param status   the HTTP status code
 * @param detail   what was wrong with this request, for a person
 * @param instance the path of the request
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemDetail(String type, String title, int status, String detail, String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String ABOUT_BLANK = "about:blank";
}
