package com.nightshift.common.metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nightshift.common.json.JsonCodec;

/**
 * The night's business metrics (rows ingested and rejected, matches per rule and breaks, VaR run time, job
 * latency, time left before the deadline), written as CloudWatch Embedded Metric Format documents: one JSON
 * object a line, whose {@code _aws} member tells CloudWatch Logs which top-level members are metrics and
 * which are dimensions. docs/operations.md, "Business metrics", lists every metric with its unit and dimensions.
 *
 * <p><b>How they reach CloudWatch.</b> EMF must be a log event of its own (the whole event is the JSON
 * object), so a document cannot ride inside a logback JSON line. {@link #toLog} writes each document as the
 * message of the logger {@value #LOGGER_NAME}, which logback.xml sends to standard output as the bare message
 * and nothing else. The task definition's awslogs driver makes every line of standard output one event of the
 * service's log group, and CloudWatch Logs extracts the metrics of an event that is an EMF document, in the
 * namespace the document names: {@code METRICS_NAMESPACE}, which the task definition sets to the namespace
 * the deadline alarms read. (The collector sidecar's awsemf exporter is not used for these: it turns OTLP
 * metrics into EMF, and the services send it no metrics.)
 *
 * <p><b>Dimensions</b> are few and of low cardinality: {@code Service} always, and per metric at most a
 * {@code Stage}, {@code InputType}, {@code Rule} or {@code ReportKind}. The job id and trace id travel as
 * plain members (from the MDC), so a metric can be traced to its logs without a time series per job.
 *
 * <p>Hand-written rather than with the aws-embedded-metrics library: that library picks its sink by
 * environment detection (CloudWatch agent, Lambda, or its "Local" console sink writing to {@code System.out}
 * past logback), keeps per-logger state to flush, and brings its own dependencies; what is needed here is one
 * object a line on a logger that logback already routes and that tests can capture. The format is small, and
 * this class enforces the specification's limits (100 metrics a document, 30 dimensions a set, CloudWatch units).
 */
public final class BusinessMetrics {

    /** The logger whose messages are EMF documents; logback.xml writes its messages bare to standard output. */
    public static final String LOGGER_NAME = "nightshift.metrics";
    /** The environment variable (Micronaut property {@code metrics.namespace}) naming the CloudWatch namespace. */
    public static final String NAMESPACE_VARIABLE = "METRICS_NAMESPACE";

    public static final String ROWS_INGESTED = "RowsIngested";
    public static final String ROWS_REJECTED = "RowsRejected";
    public static final String MATCHES = "Matches";
    public static final String BREAKS = "Breaks";
    public static final String UNMATCHED_LEDGER = "UnmatchedLedger";
    public static final String UNMATCHED_STATEMENT = "UnmatchedStatement";
    public static final String VAR_RUN_TIME = "VarRunTime";
    public static final String VAR_SCENARIOS = "VarScenarios";
    public static final String VAR_SHARDS = "VarShards";
    public static final String SHARD_SIMULATION_TIME = "ShardSimulationTime";
    public static final String JOB_LATENCY = "JobLatency";
    public static final String NIGHTS_COMPLETED = "NightsCompleted";
    public static final String SECONDS_BEFORE_DEADLINE = "SecondsBeforeDeadline";
    public static final String REPORT_SECONDS_BEFORE_DEADLINE = "ReportSecondsBeforeDeadline";

    public static final String SERVICE = "Service";
    public static final String STAGE = "Stage";
    public static final String INPUT_TYPE = "InputType";
    public static final String RULE = "Rule";
    public static final String REPORT_KIND = "ReportKind";

    /** Limits of the specification: metrics per document, dimensions per dimension set. */
    static final int MAX_METRICS = 100;
    static final int MAX_DIMENSIONS = 30;
    /** The MDC keys copied into every document as plain members. */
    private static final String[] CORRELATION_KEYS = {"jobId", "traceId"};

    private final Consumer<String> lines;
    private final String namespace;
    private final String service;
    private final Clock clock;

    private BusinessMetrics(Consumer<String> lines, String namespace, String service, Clock clock) {
        if (namespace == null || namespace.isBlank() || namespace.length() > 255 || namespace.startsWith(":")) {
            throw new IllegalArgumentException("a CloudWatch namespace has 1 to 255 characters and does not start "
                    + "with ':', not '" + namespace + "'");
        }
        this.lines = Objects.requireNonNull(lines, "lines");
        this.namespace = namespace;
        this.service = requireDimensionValue(SERVICE, service);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Metrics of {@code service} in {@code namespace}, to the logger {@value #LOGGER_NAME} (see the class comment). */
    public static BusinessMetrics toLog(String namespace, String service) {
        return to(LoggerFactory.getLogger(LOGGER_NAME)::info, namespace, service, Clock.systemUTC());
    }

    /** Metrics of {@code service} in {@code namespace}, each document handed to {@code lines} as one line. */
    public static BusinessMetrics to(Consumer<String> lines, String namespace, String service, Clock clock) {
        return new BusinessMetrics(lines, namespace, service, clock);
    }

    public String namespace() {
        return namespace;
    }

    /** Rows of one inbound file: accepted (staged) and rejected (with a reason), by input type. */
    public void rowsIngested(String inputType, long accepted, long rejected) {
        emit(Map.of(INPUT_TYPE, inputType), Map.of(ROWS_INGESTED, Measure.count(accepted),
                ROWS_REJECTED, Measure.count(rejected)));
    }

    /**
     * One reconciliation of an account and date: the matches each rule made (one document per rule, since a
     * document carries one value per dimension), and the breaks, the entries left unmatched on either side.
     */
    public void reconciled(Map<String, Long> matchesByRule, long unmatchedLedger, long unmatchedStatement) {
        matchesByRule.forEach((rule, matches) -> emit(Map.of(RULE, rule), Map.of(MATCHES, Measure.count(matches))));
        emit(Map.of(), Map.of(BREAKS, Measure.count(unmatchedLedger + unmatchedStatement),
                UNMATCHED_LEDGER, Measure.count(unmatchedLedger), UNMATCHED_STATEMENT, Measure.count(unmatchedStatement)));
    }

    /** A VaR run that wrote its results: how long it took, over how many scenarios and shards (1 when not spread). */
    public void varRun(Duration runTime, int scenarios, int shards) {
        emit(Map.of(), Map.of(VAR_RUN_TIME, Measure.millis(runTime), VAR_SCENARIOS, Measure.count(scenarios),
                VAR_SHARDS, Measure.count(shards)));
    }

    /** One shard of a spread VaR run simulated. */
    public void shardSimulated(Duration simulationTime) {
        emit(Map.of(), Map.of(SHARD_SIMULATION_TIME, Measure.millis(simulationTime)));
    }

    /** A job of {@code stage} done, {@code latency} after its message was sent. */
    public void jobDone(String stage, Duration latency) {
        emit(Map.of(STAGE, stage), Map.of(JOB_LATENCY, Measure.millis(latency)));
    }

    /** The night found complete, {@code beforeDeadline} before its deadline (negative when late). */
    public void nightComplete(Duration beforeDeadline) {
        emit(Map.of(), Map.of(NIGHTS_COMPLETED, Measure.count(1),
                SECONDS_BEFORE_DEADLINE, new Measure(beforeDeadline.toSeconds(), MetricUnit.SECONDS)));
    }

    /** A report of {@code reportKind} stored, {@code beforeDeadline} before its night's deadline (negative when late). */
    public void reportStored(String reportKind, Duration beforeDeadline) {
        emit(Map.of(REPORT_KIND, reportKind),
                Map.of(REPORT_SECONDS_BEFORE_DEADLINE, new Measure(beforeDeadline.toSeconds(), MetricUnit.SECONDS)));
    }

    /** A metric's value and unit; every business metric is a whole number (a count, seconds, milliseconds). */
    record Measure(long value, MetricUnit unit) {

        Measure {
            Objects.requireNonNull(unit, "unit");
        }

        static Measure count(long value) {
            return new Measure(value, MetricUnit.COUNT);
        }

        static Measure millis(Duration duration) {
            return new Measure(duration.toMillis(), MetricUnit.MILLISECONDS);
        }
    }

    /**
     * Writes one document: {@code Service} and {@code dimensions} as its one dimension set, each of
     * {@code metrics} as a top-level number named in the metric directive.
     */
    void emit(Map<String, String> dimensions, Map<String, Measure> metrics) {
        Map<String, String> allDimensions = new LinkedHashMap<>();
        allDimensions.put(SERVICE, service);
        dimensions.forEach((name, value) -> allDimensions.put(name, requireDimensionValue(name, value)));
        if (allDimensions.size() > MAX_DIMENSIONS) {
            throw new IllegalArgumentException("at most " + MAX_DIMENSIONS + " dimensions, not " + allDimensions.size());
        }
        if (metrics.isEmpty() || metrics.size() > MAX_METRICS) {
            throw new IllegalArgumentException("1 to " + MAX_METRICS + " metrics a document, not " + metrics.size());
        }
        ObjectNode document = JsonCodec.mapper().createObjectNode();
        ObjectNode aws = document.putObject("_aws");
        aws.put("Timestamp", clock.millis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", namespace);
        ArrayNode dimensionSet = directive.putArray("Dimensions").addArray();
        allDimensions.keySet().forEach(dimensionSet::add);
        ArrayNode definitions = directive.putArray("Metrics");
        allDimensions.forEach(document::put);
        metrics.forEach((name, measure) -> {
            if (document.has(name)) {
                throw new IllegalArgumentException("metric " + name + " has the name of another member");
            }
            definitions.addObject().put("Name", name).put("Unit", measure.unit().cloudWatchName());
            document.put(name, measure.value());
        });
        for (String key : CORRELATION_KEYS) {
            String value = MDC.get(key);
            if (value != null && !document.has(key)) {
                document.put(key, value);
            }
        }
        try {
            lines.accept(JsonCodec.mapper().writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a metrics document", e);
        }
    }

    private static String requireDimensionValue(String name, String value) {
        if (value == null || value.isBlank() || value.length() > 1024) {
            throw new IllegalArgumentException("dimension " + name + " needs a value of 1 to 1024 characters, not '"
                    + value + "'");
        }
        return value;
    }
}
