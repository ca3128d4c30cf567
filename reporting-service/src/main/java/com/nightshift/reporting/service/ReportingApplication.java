package com.nightshift.reporting.service;

import io.micronaut.runtime.Micronaut;

public final class ReportingApplication {
    private ReportingApplication() {
    }

    public static void main(String[] args) {
        // No banner: logs are JSON, one event a line.
        Micronaut.build(args).mainClass(ReportingApplication.class).banner(false).start();
    }
}
