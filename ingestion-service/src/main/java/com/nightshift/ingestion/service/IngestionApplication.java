package com.nightshift.ingestion.service;

import io.micronaut.runtime.Micronaut;

public final class IngestionApplication {
    private IngestionApplication() {
    }

    public static void main(String[] args) {
        // No banner: logs are JSON, one event a line.
        Micronaut.build(args).mainClass(IngestionApplication.class).banner(false).start();
    }
}
