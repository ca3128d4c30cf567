package com.nightshift.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Handler;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

class JavaLoggingBridgeTest {

    @Test
    void aJavaUtilLoggingRecordReachesTheServiceLogAndNoConsoleHandler() {
        Logger logback = (Logger) LoggerFactory.getLogger("io.opentelemetry.exporter.internal.http.HttpExporter");
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        logback.addAppender(captured);
        try {
            JavaLoggingBridge.install();
            JavaLoggingBridge.install();

            java.util.logging.Logger.getLogger("io.opentelemetry.exporter.internal.http.HttpExporter")
                    .severe("Failed to export spans. The request could not be executed.");

            assertThat(captured.list).singleElement().satisfies(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.ERROR);
                assertThat(event.getFormattedMessage()).isEqualTo("Failed to export spans. The request could not be executed.");
            });
            Handler[] handlers = java.util.logging.Logger.getLogger("").getHandlers();
            assertThat(handlers).singleElement().isInstanceOf(SLF4JBridgeHandler.class);
        } finally {
            logback.detachAppender(captured);
        }
    }
}
