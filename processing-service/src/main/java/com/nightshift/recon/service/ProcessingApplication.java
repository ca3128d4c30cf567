package com.nightshift.recon.service;

import io.micronaut.runtime.Micronaut;

public final class ProcessingApplication {
    private ProcessingApplication() {
    }

    public static void main(String[] args) {
        // No banner: logs are JSON, one event a line.
        Micronaut.build(args).mainClass(ProcessingApplication.class).banner(false).start();
    }
}
