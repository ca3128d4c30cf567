package com.nightshift.shell;

import com.nightshift.common.metrics.BusinessMetrics;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;

/** The service's business metrics, in the namespace the task definition names in {@code METRICS_NAMESPACE}. */
@Factory
public class BusinessMetricsFactory {

    @Singleton
    BusinessMetrics businessMetrics(@Property(name = "metrics.namespace") String namespace,
            @Property(name = "micronaut.application.name") String serviceName) {
        return BusinessMetrics.toLog(namespace, serviceName);
    }
}
