package com.nightshift.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceStartupLineTest {

    @TempDir
    Path directory;

    @Test
    void the_start_up_complete_line_gives_when_it_was_logged_and_the_time_Micronaut_reports() throws IOException {
        Path log = directory.resolve("risk-calculation.log");
        Files.writeString(log, """
                {"timestamp":1796036560000,"level":"INFO","loggerName":"com.nightshift.Other","formattedMessage":"starting"}
                {"timestamp":1796036561795,"level":"INFO","threadName":"main","loggerName":"io.micronaut.runtime.Micronaut","mdc": {},"formattedMessage":"Startup completed in 4341ms. Server Running: http:\\/\\/127.0.0.1:36605","throwable":null}
                """);

        assertThat(ServiceProcess.StartupLine.find(log)).contains(
                new ServiceProcess.StartupLine(Instant.ofEpochMilli(1796036561795L), 4341));
    }

    @Test
    void a_service_still_starting_has_no_start_up_line() throws IOException {
        Path log = directory.resolve("starting.log");
        Files.writeString(log, "{\"timestamp\":1796036560000,\"formattedMessage\":\"starting\"}\n");

        assertThat(ServiceProcess.StartupLine.find(log)).isEmpty();
        assertThat(ServiceProcess.StartupLine.find(directory.resolve("absent.log"))).isEmpty();
    }
}
