package com.nightshift.shell;

import org.slf4j.bridge.SLF4JBridgeHandler;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

/**
 * Sends what libraries log through {@code java.util.logging} to the service's JSON log. The OpenTelemetry
 * exporter logs that way when the collector sidecar cannot be reached, and so does the JDK's HTTP client;
 * left to the JDK's console handler, those would be plain-text lines on standard error, which CloudWatch
 * keeps as events of their own, without job or trace id, and which log queries on JSON fields miss.
 */
@Singleton
public class JavaLoggingBridge {

    @EventListener
    void onStartup(StartupEvent event) {
        install();
    }

    /** Replaces the root logger's handlers by the SLF4J bridge, once. */
    static void install() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}
