package com.nightshift.infra.config;

/** An environment variable a service reads; the name is the variable's name. See docs/architecture.md. */
public enum Setting {
    DATA_BUCKET,
    STAGING_BUCKET,
    OUTPUT_BUCKET,
    INGEST_QUEUE_URL,
    RECON_QUEUE_URL,
    RISK_QUEUE_URL,
    REPORT_QUEUE_URL,
    VAR_SCENARIOS,
    VAR_SEED,
    VAR_METHOD,
    VAR_SHARD_SCENARIOS,
    VAR_RATE,
    MICRONAUT_SERVER_PORT,
    /** Where job spans go: the collector sidecar's OTLP/HTTP receiver in the same task. */
    OTEL_EXPORTER_OTLP_ENDPOINT,
    /** Reports API: above 0, answer a report with a redirect to a presigned S3 URL valid this many seconds. */
    REPORTS_PRESIGN_SECONDS,
    /** The job topic: night-complete and job-failed notices (docs/operations.md, "Job notifications"). */
    NOTIFICATION_TOPIC_ARN,
    /** The CloudWatch namespace of the service's business metrics (EMF lines on standard output): the one the alarms read. */
    METRICS_NAMESPACE,
    /** Reports API: an identity provider's JSON Web Key Set, whose RSA tokens it accepts too; left out when not configured. */
    REPORTS_JWKS_URL
}
