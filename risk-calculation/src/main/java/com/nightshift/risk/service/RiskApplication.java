package com.nightshift.risk.service;

import io.micronaut.runtime.Micronaut;

public final class RiskApplication {
    private RiskApplication() {
    }

    public static void main(String[] args) {
        // No banner: logs are JSON, one event a line.
        Micronaut.build(args).mainClass(RiskApplication.class).banner(false).start();
    }
}
