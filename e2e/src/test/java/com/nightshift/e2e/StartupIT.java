package com.nightshift.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.nightshift.local.LocalStack;
import com.nightshift.local.ServiceProcess;
import com.nightshift.local.StackDriver;

/**
 * Every service, once healthy, has logged that its start-up is complete and how long it took: the line
 * the start-up benchmark measures to (README, "Start-up benchmark"). It asserts no duration: how fast a
 * JVM starts on a shared machine is the benchmark's to measure; it logs the times of this run.
 */
@ExtendWith(StackUnderTest.class)
class StartupIT {

    private static final Logger LOG = LoggerFactory.getLogger(StartupIT.class);

    @Test
    void every_service_logs_its_start_up_complete_with_the_time_it_took(StackDriver stack) throws IOException {
        Optional<LocalStack> local = stack.localStack();
        assumeTrue(local.isPresent(), "needs the local stack: it reads the service processes' logs");

        for (ServiceProcess process : local.get().services().values()) {
            Optional<ServiceProcess.StartupLine> line = ServiceProcess.StartupLine.find(process.log());
            assertThat(line).as("start-up complete line of " + process.name()).isPresent();
            assertThat(line.get().reportedMillis()).as(process.name()).isPositive();
            Duration toLine = process.startupTime().orElseThrow();
            assertThat(toLine).as(process.name()).isPositive();
            LOG.info("{}: start-up complete {} ms after its process started (Micronaut reports {} ms)", process.name(),
                    toLine.toMillis(), line.get().reportedMillis());
        }
    }
}
