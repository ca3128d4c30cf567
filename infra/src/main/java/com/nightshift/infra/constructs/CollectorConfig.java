package com.nightshift.infra.constructs;

/**
 * The configuration the ADOT collector sidecar runs with, passed in {@link #ENVIRONMENT_VARIABLE}.
 *
 * <p>Ours rather than the image's {@code ecs-default-config.yaml}: the default's EMF exporter writes
 * metrics to {@code /aws/ecs/application/metrics}, a log group the collector creates itself, outside
 * any stack, unencrypted, without retention, shared by every environment in the account, and left
 * behind by a destroy. This one writes to {@code metricsLogGroup}, which the stack creates (encrypted,
 * 30 days), and receives OTLP on the loopback interface only (the task's containers share it).
 *
 * @param metricsLogGroup the log group EMF metrics go to
 * @param namespace       the CloudWatch namespace of those metrics
 */
public record CollectorConfig(String metricsLogGroup, String namespace) {

    /** The ADOT collector reads its whole configuration from this variable when it is set. */
    public static final String ENVIRONMENT_VARIABLE = "AOT_CONFIG_CONTENT";

    public CollectorConfig {
        if (metricsLogGroup == null || metricsLogGroup.isBlank() || namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("the collector needs a metrics log group and a namespace");
        }
    }

    /** The collector configuration as YAML. */
    public String yaml() {
        return """
                extensions:
                  health_check:
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 127.0.0.1:4317
                      http:
                        endpoint: 127.0.0.1:4318
                processors:
                  batch:
                exporters:
                  awsxray:
                  awsemf:
                    namespace: %s
                    log_group_name: %s
                    log_stream_name: "{TaskId}"
                service:
                  extensions: [health_check]
                  pipelines:
                    traces:
                      receivers: [otlp]
                      processors: [batch]
                      exporters: [awsxray]
                    metrics:
                      receivers: [otlp]
                      processors: [batch]
                      exporters: [awsemf]
                """.formatted(namespace, metricsLogGroup);
    }
}
