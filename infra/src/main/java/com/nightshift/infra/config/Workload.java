package com.nightshift.infra.config;

import java.util.EnumSet;
import java.util.Set;

import static com.nightshift.infra.config.Setting.DATA_BUCKET;
import static com.nightshift.infra.config.Setting.INGEST_QUEUE_URL;
import static com.nightshift.infra.config.Setting.MICRONAUT_SERVER_PORT;
import static com.nightshift.infra.config.Setting.NOTIFICATION_TOPIC_ARN;
import static com.nightshift.infra.config.Setting.METRICS_NAMESPACE;
import static com.nightshift.infra.config.Setting.OTEL_EXPORTER_OTLP_ENDPOINT;
import static com.nightshift.infra.config.Setting.OUTPUT_BUCKET;
import static com.nightshift.infra.config.Setting.RECON_QUEUE_URL;
import static com.nightshift.infra.config.Setting.REPORT_QUEUE_URL;
import static com.nightshift.infra.config.Setting.REPORTS_JWKS_URL;
import static com.nightshift.infra.config.Setting.REPORTS_PRESIGN_SECONDS;
import static com.nightshift.infra.config.Setting.RISK_QUEUE_URL;
import static com.nightshift.infra.config.Setting.STAGING_BUCKET;
import static com.nightshift.infra.config.Setting.VAR_METHOD;
import static com.nightshift.infra.config.Setting.VAR_SCENARIOS;
import static com.nightshift.infra.config.Setting.VAR_SEED;
import static com.nightshift.infra.config.Setting.VAR_RATE;
import static com.nightshift.infra.config.Setting.VAR_SHARD_SCENARIOS;

/**
 * The four services Nightshift runs, with the settings each one reads. The settings are the columns
 * of the "Service configuration" table in docs/architecture.md; change that table first.
 */
public enum Workload {

    INGESTION("ingestion-service", "Ingestion", false,
            EnumSet.of(DATA_BUCKET, STAGING_BUCKET, INGEST_QUEUE_URL, RECON_QUEUE_URL, RISK_QUEUE_URL,
                    MICRONAUT_SERVER_PORT, OTEL_EXPORTER_OTLP_ENDPOINT, NOTIFICATION_TOPIC_ARN,
                    METRICS_NAMESPACE)),
    PROCESSING("processing-service", "Processing", false,
            EnumSet.of(STAGING_BUCKET, RECON_QUEUE_URL, REPORT_QUEUE_URL, MICRONAUT_SERVER_PORT, OTEL_EXPORTER_OTLP_ENDPOINT, NOTIFICATION_TOPIC_ARN,
                    METRICS_NAMESPACE)),
    RISK("risk-calculation", "Risk", false,
            EnumSet.of(STAGING_BUCKET, RISK_QUEUE_URL, REPORT_QUEUE_URL, VAR_SCENARIOS, VAR_SEED, VAR_METHOD,
                    VAR_SHARD_SCENARIOS, VAR_RATE, MICRONAUT_SERVER_PORT, OTEL_EXPORTER_OTLP_ENDPOINT, NOTIFICATION_TOPIC_ARN,
                    METRICS_NAMESPACE)),
    REPORTING("reporting-service", "Reporting", true,
            EnumSet.of(STAGING_BUCKET, OUTPUT_BUCKET, REPORT_QUEUE_URL, MICRONAUT_SERVER_PORT, OTEL_EXPORTER_OTLP_ENDPOINT,
                    NOTIFICATION_TOPIC_ARN, METRICS_NAMESPACE, REPORTS_PRESIGN_SECONDS, REPORTS_JWKS_URL));

    private final String moduleName;
    private final String logicalName;
    private final boolean servesHttp;
    private final Set<Setting> settings;

    Workload(String moduleName, String logicalName, boolean servesHttp, Set<Setting> settings) {
        this.moduleName = moduleName;
        this.logicalName = logicalName;
        this.servesHttp = servesHttp;
        this.settings = settings;
    }

    /** True for the service users call over HTTP (behind the load balancer); false for queue workers. */
    public boolean servesHttp() {
        return servesHttp;
    }

    /** The Maven module name; also the container name, the key in config files and part of resource names. */
    public String moduleName() {
        return moduleName;
    }

    /** A short PascalCase name for construct ids and parameter names, e.g. {@code Risk}. */
    public String logicalName() {
        return logicalName;
    }

    /** The environment variables this service reads (the secret is given to every service separately). */
    public Set<Setting> settings() {
        return EnumSet.copyOf(settings);
    }
}
