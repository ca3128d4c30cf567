package com.nightshift.reporting.service;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * The reporting service: renders reports from the report queue and serves them over HTTP. The
 * OpenAPI description of the HTTP API is generated from the controllers at compile time and served
 * at {@code /openapi/nightshift-reports-1.yml}.
 */
@OpenAPIDefinition(info = @Info(title = "nightshift-reports", version = "1",
        description = "Nightshift's reports: list them, fetch their PDFs. Every path but /health needs a bearer JWT."))
@SecurityScheme(name = ReportingApplication.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public final class ReportingApplication {

    /** The name of the API's one security scheme in the OpenAPI description. */
    static final String BEARER = "bearer";

    private ReportingApplication() {
    }

    public static void main(String[] args) {
        // No banner: logs are JSON, one event a line.
        Micronaut.build(args).mainClass(ReportingApplication.class).banner(false).start();
    }
}
