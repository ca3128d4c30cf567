package com.nightshift.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import com.fasterxml.jackson.databind.JsonNode;
import com.nightshift.common.json.JsonCodec;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** Every document is checked against the Embedded Metric Format specification by {@link #checkedAgainstSpecification}. */
class BusinessMetricsTest {

    private static final Instant NOW = Instant.parse("2026-11-26T11:00:00Z");
    private static final Set<String> CLOUDWATCH_UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes",
            "Kilobytes", "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits",
            "Percent", "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second",
            "Terabytes/Second", "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second",
            "Terabits/Second", "Count/Second", "None");

    private final List<String> lines = new ArrayList<>();
    private final BusinessMetrics metrics = BusinessMetrics.to(lines::add, "Nightshift/test", "ingestion-service",
            Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void rows_ingested_are_one_document_with_the_service_and_input_type_as_its_dimensions() {
        metrics.rowsIngested("LEDGER", 41, 2);

        JsonNode document = checkedAgainstSpecification(single());
        JsonNode directive = document.at("/_aws/CloudWatchMetrics/0");
        assertThat(document.at("/_aws/Timestamp").asLong()).isEqualTo(NOW.toEpochMilli());
        assertThat(directive.get("Namespace").asText()).isEqualTo("Nightshift/test");
        assertThat(strings(directive.at("/Dimensions/0"))).containsExactly("Service", "InputType");
        assertThat(document.get("Service").asText()).isEqualTo("ingestion-service");
        assertThat(document.get("InputType").asText()).isEqualTo("LEDGER");
        assertThat(units(directive)).containsExactlyInAnyOrderEntriesOf(Map.of("RowsIngested", "Count", "RowsRejected", "Count"));
        assertThat(document.get("RowsIngested").asLong()).isEqualTo(41);
        assertThat(document.get("RowsRejected").asLong()).isEqualTo(2);
    }

    @Test
    void the_job_and_trace_ids_are_plain_members_not_dimensions() {
        MDC.put("jobId", "recon-ACC-1-2026-11-25");
        MDC.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");

        metrics.jobDone("recon", Duration.ofMillis(1500));

        JsonNode document = checkedAgainstSpecification(single());
        assertThat(document.get("jobId").asText()).isEqualTo("recon-ACC-1-2026-11-25");
        assertThat(document.get("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(strings(document.at("/_aws/CloudWatchMetrics/0/Dimensions/0"))).containsExactly("Service", "Stage");
        assertThat(document.get("JobLatency").asLong()).isEqualTo(1500);
        assertThat(units(document.at("/_aws/CloudWatchMetrics/0"))).containsExactlyEntriesOf(Map.of("JobLatency", "Milliseconds"));
    }

    @Test
    void matches_are_one_document_a_rule_and_breaks_count_both_unmatched_sides() {
        Map<String, Long> byRule = new LinkedHashMap<>();
        byRule.put("exact", 10L);
        byRule.put("tolerance", 3L);

        metrics.reconciled(byRule, 2, 1);

        assertThat(lines).hasSize(3);
        List<JsonNode> documents = lines.stream().map(BusinessMetricsTest::checkedAgainstSpecification).toList();
        assertThat(documents.get(0).get("Rule").asText()).isEqualTo("exact");
        assertThat(documents.get(0).get("Matches").asLong()).isEqualTo(10);
        assertThat(documents.get(1).get("Rule").asText()).isEqualTo("tolerance");
        assertThat(documents.get(1).get("Matches").asLong()).isEqualTo(3);
        assertThat(documents.get(2).get("Breaks").asLong()).isEqualTo(3);
        assertThat(documents.get(2).get("UnmatchedLedger").asLong()).isEqualTo(2);
        assertThat(documents.get(2).get("UnmatchedStatement").asLong()).isEqualTo(1);
        assertThat(strings(documents.get(2).at("/_aws/CloudWatchMetrics/0/Dimensions/0"))).containsExactly("Service");
    }

    @Test
    void a_late_night_has_a_negative_time_before_the_deadline_in_seconds() {
        metrics.nightComplete(Duration.ofMinutes(-5));

        JsonNode document = checkedAgainstSpecification(single());
        assertThat(document.get("NightsCompleted").asLong()).isEqualTo(1);
        assertThat(document.get("SecondsBeforeDeadline").asLong()).isEqualTo(-300);
        assertThat(units(document.at("/_aws/CloudWatchMetrics/0")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("NightsCompleted", "Count", "SecondsBeforeDeadline", "Seconds"));
    }

    @Test
    void a_document_holds_at_most_a_hundred_metrics() {
        Map<String, BusinessMetrics.Measure> hundredAndOne = new HashMap<>();
        for (int i = 0; i <= BusinessMetrics.MAX_METRICS; i++) {
            hundredAndOne.put("M" + i, BusinessMetrics.Measure.count(i));
        }

        assertThatThrownBy(() -> metrics.emit(Map.of(), hundredAndOne)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 100 metrics");
        assertThat(lines).isEmpty();
    }

    @Test
    void a_dimension_set_holds_at_most_thirty_dimensions() {
        Map<String, String> thirty = new HashMap<>();
        for (int i = 0; i < BusinessMetrics.MAX_DIMENSIONS; i++) {
            thirty.put("D" + i, "v");
        }

        // With Service, thirty more make thirty-one.
        assertThatThrownBy(() -> metrics.emit(thirty, Map.of("M", BusinessMetrics.Measure.count(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 30 dimensions");
    }

    @Test
    void a_dimension_needs_a_value() {
        assertThatThrownBy(() -> metrics.rowsIngested(" ", 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dimension InputType");
    }

    @Test
    void a_metric_may_not_take_the_name_of_a_dimension() {
        assertThatThrownBy(() -> metrics.emit(Map.of("Stage", "x"), Map.of("Stage", BusinessMetrics.Measure.count(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Stage");
    }

    @Test
    void a_namespace_starting_with_a_colon_is_refused() {
        assertThatThrownBy(() -> BusinessMetrics.to(lines::add, ":Nightshift", "s", Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void on_the_metrics_logger_each_document_is_the_whole_message_of_one_event() {
        Logger logger = (Logger) LoggerFactory.getLogger(BusinessMetrics.LOGGER_NAME);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        logger.addAppender(events);
        try {
            BusinessMetrics.toLog("Nightshift/test", "risk-calculation").varRun(Duration.ofSeconds(3), 10_000, 4);
        } finally {
            logger.detachAppender(events);
        }

        assertThat(events.list).hasSize(1);
        JsonNode document = checkedAgainstSpecification(events.list.get(0).getFormattedMessage());
        assertThat(document.get("VarRunTime").asLong()).isEqualTo(3000);
        assertThat(document.get("VarScenarios").asLong()).isEqualTo(10_000);
        assertThat(document.get("VarShards").asLong()).isEqualTo(4);
    }

    private String single() {
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }

    /**
     * Parses {@code line} and checks it is an EMF document: one JSON object on one line; {@code _aws} with a
     * millisecond {@code Timestamp} and metric directives; each directive with a namespace, dimension sets of at
     * most 30 names that each name a top-level string member, and at most 100 metric definitions with a
     * CloudWatch unit, each naming a top-level number.
     */
    static JsonNode checkedAgainstSpecification(String line) {
        assertThat(line).doesNotContain("\n");
        JsonNode document = JsonCodec.tree(line.getBytes(StandardCharsets.UTF_8));
        assertThat(document.isObject()).isTrue();
        JsonNode aws = document.get("_aws");
        assertThat(aws.get("Timestamp").isIntegralNumber()).isTrue();
        assertThat(aws.get("CloudWatchMetrics").isArray()).isTrue();
        for (JsonNode directive : aws.get("CloudWatchMetrics")) {
            assertThat(directive.get("Namespace").asText()).isNotBlank();
            for (JsonNode dimensionSet : directive.get("Dimensions")) {
                assertThat(dimensionSet.size()).isBetween(0, 30);
                for (JsonNode dimension : dimensionSet) {
                    assertThat(document.get(dimension.asText())).as(dimension.asText()).isNotNull();
                    assertThat(document.get(dimension.asText()).isTextual()).as(dimension.asText()).isTrue();
                }
            }
            assertThat(directive.get("Metrics").size()).isBetween(1, 100);
            for (JsonNode definition : directive.get("Metrics")) {
                String name = definition.get("Name").asText();
                assertThat(name).isNotBlank();
                assertThat(CLOUDWATCH_UNITS).contains(definition.get("Unit").asText());
                assertThat(document.get(name)).as(name).isNotNull();
                assertThat(document.get(name).isNumber()).as(name).isTrue();
            }
        }
        return document;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static Map<String, String> units(JsonNode directive) {
        Map<String, String> units = new HashMap<>();
        directive.get("Metrics").forEach(d -> units.put(d.get("Name").asText(), d.get("Unit").asText()));
        return units;
    }
}
