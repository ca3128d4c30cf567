package com.nightshift.shell;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import sun.misc.Signal;

/**
 * Makes SIGTERM (what ECS sends on a deployment or a scale-in) a clean stop that exits with status 0.
 *
 * <p>The JVM's own SIGTERM handler runs the shutdown hooks, Micronaut's among them (which stops the
 * workers gracefully, see {@link WorkerLifecycle}), and then exits with 143, which ECS and process
 * supervisors report as a failed container. This handler runs the same hooks through
 * {@code System.exit(0)}: the job in hand still finishes or is handed back first, and the stop that was
 * asked for ends as a success. No library offers this, and {@code sun.misc.Signal} (module
 * {@code jdk.unsupported}) is the JDK's only way to handle a signal. SIGKILL cannot be handled and still
 * ends the process at once.
 */
@Singleton
public class TerminationSignal {

    private static final Logger LOG = LoggerFactory.getLogger(TerminationSignal.class);

    @EventListener
    void onStartup(StartupEvent event) {
        install();
    }

    /** Replaces the JVM's SIGTERM handler; a platform without SIGTERM keeps its own. */
    static void install() {
        try {
            Signal.handle(new Signal("TERM"), signal -> {
                LOG.info("SIGTERM: stopping");
                // Runs the shutdown hooks, as the JVM's handler would, with status 0 instead of 143.
                System.exit(0);
            });
        } catch (IllegalArgumentException unsupported) {
            LOG.warn("cannot handle SIGTERM here; a stop will exit with the JVM's status: {}", unsupported.toString());
        }
    }
}
