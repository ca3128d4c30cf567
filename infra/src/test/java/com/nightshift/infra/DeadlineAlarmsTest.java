package com.nightshift.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nightshift.infra.constructs.DeadlineAlarms;

import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The alarms on the 09:30 deadline, on the shipped dev configuration (margin 60 minutes, check at 08:30). */
class DeadlineAlarmsTest {

    private static final Map<String, Object> ALARM_TOPIC = Map.of("Ref", Match.stringLikeRegexp("AlarmTopic.*"));
    private static final List<Map<String, String>> REPORTING = List.of(Map.of("Name", "Service", "Value", "reporting-service"));

    private static Template dev;

    @BeforeAll
    static void synthesize() {
        dev = Template.fromStack(TestConfigs.stacks(TestConfigs.shipped("dev")).workload());
    }

    @Test
    void a_night_completing_within_the_margin_or_late_alarms_on_the_alarm_topic() {
        dev.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", "alarm-night-late-dev",
                "Namespace", "Nightshift/dev",
                "MetricName", "SecondsBeforeDeadline",
                "Dimensions", REPORTING,
                "Statistic", "Minimum",
                "Threshold", 3600,
                "ComparisonOperator", "LessThanThreshold",
                "TreatMissingData", "notBreaching",
                "AlarmActions", List.of(ALARM_TOPIC),
                "OKActions", List.of(ALARM_TOPIC)));
    }

    @Test
    void the_margin_comes_from_the_configuration() {
        Template wider = Template.fromStack(TestConfigs.stacks(TestConfigs.variant("dev",
                root -> ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("alarms")).put("deadlineMarginMinutes", 90)))
                .workload());

        wider.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("AlarmName", "alarm-night-late-dev", "Threshold", 5400));
    }

    @Test
    void no_night_completed_since_the_previous_deadline_counts_hours_with_missing_data_as_breaching() {
        for (var window : Map.of("weekday", 23, "monday", 71).entrySet()) {
            dev.hasResourceProperties("AWS::CloudWatch::Alarm", properties(
                    "AlarmName", "alarm-no-night-completed-" + window.getKey() + "-dev",
                    "Namespace", "Nightshift/dev",
                    "MetricName", "NightsCompleted",
                    "Dimensions", REPORTING,
                    "Statistic", "Sum",
                    "Period", 3600,
                    "EvaluationPeriods", window.getValue(),
                    "DatapointsToAlarm", window.getValue(),
                    "Threshold", 1,
                    "ComparisonOperator", "LessThanThreshold",
                    "TreatMissingData", "breaching",
                    "AlarmActions", Match.absent()));
        }
    }

    @Test
    void the_check_schedules_put_one_night_check_datapoint_at_0830_new_york_on_weekdays() throws Exception {
        for (var window : Map.of("weekday", "TUE-FRI", "monday", "MON").entrySet()) {
            dev.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                    "Name", "schedule-night-check-" + window.getKey() + "-dev",
                    "ScheduleExpression", "cron(30 8 ? * " + window.getValue() + " *)",
                    "ScheduleExpressionTimezone", "America/New_York",
                    "Target", Match.objectLike(Map.of(
                            "Arn", Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"),
                                    ":scheduler:::aws-sdk:cloudwatch:putMetricData"))),
                            "Input", DeadlineAlarms.checkDatapoint("Nightshift/dev", window.getKey())))));
            dev.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                    "AlarmName", "alarm-night-check-" + window.getKey() + "-dev",
                    "MetricName", "NightChecks",
                    "Dimensions", List.of(Map.of("Name", "Window", "Value", window.getKey())),
                    "Statistic", "Sum",
                    "Threshold", 1,
                    "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                    "TreatMissingData", "notBreaching",
                    "AlarmActions", Match.absent()));
        }
        JsonNode request = new ObjectMapper().readTree(DeadlineAlarms.checkDatapoint("Nightshift/dev", "weekday"));
        assertThat(request.get("Namespace").asText()).isEqualTo("Nightshift/dev");
        assertThat(request.at("/MetricData/0/MetricName").asText()).isEqualTo("NightChecks");
        assertThat(request.at("/MetricData/0/Value").asInt()).isEqualTo(1);
        assertThat(request.at("/MetricData/0/Dimensions/0/Value").asText()).isEqualTo("weekday");
    }

    @Test
    void the_check_schedule_role_may_only_put_metrics_in_the_environments_namespace() {
        dev.hasResourceProperties("AWS::IAM::Policy", Map.of(
                "PolicyDocument", Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                        "Effect", "Allow", "Action", "cloudwatch:PutMetricData", "Resource", "*",
                        "Condition", Map.of("StringEquals", Map.of("cloudwatch:namespace", "Nightshift/dev"))))),
                "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("DeadlineCheckRole.*")))));
    }

    @Test
    void the_night_is_not_complete_when_a_check_has_come_and_no_night_completed_in_its_window() {
        Map<String, Map<String, Object>> composites = WorkloadStackTest.castResources(
                dev.findResources("AWS::CloudWatch::CompositeAlarm", Map.of("Properties", Map.of(
                        "AlarmName", "alarm-night-not-complete-dev"))));
        assertThat(composites).hasSize(1);
        Map<String, Object> properties = WorkloadStackTest.mapOf(composites.values().iterator().next().get("Properties"));
        assertThat(properties.get("AlarmActions")).isEqualTo(List.of(Map.of("Ref", logicalId("AWS::SNS::Topic", "TopicName", "sns-alarms-dev"))));
        assertThat(properties).doesNotContainKey("OKActions");
        String rule = String.valueOf(properties.get("AlarmRule"));
        String checkWeekday = logicalId("AWS::CloudWatch::Alarm", "AlarmName", "alarm-night-check-weekday-dev");
        String noneWeekday = logicalId("AWS::CloudWatch::Alarm", "AlarmName", "alarm-no-night-completed-weekday-dev");
        String checkMonday = logicalId("AWS::CloudWatch::Alarm", "AlarmName", "alarm-night-check-monday-dev");
        String noneMonday = logicalId("AWS::CloudWatch::Alarm", "AlarmName", "alarm-no-night-completed-monday-dev");
        // (ALARM(check weekday) AND ALARM(none weekday)) OR (ALARM(check monday) AND ALARM(none monday))
        assertThat(rule).containsSubsequence("((ALARM(\"", checkWeekday, "\") AND ALARM(\"", noneWeekday,
                "\")) OR (ALARM(\"", checkMonday, "\") AND ALARM(\"", noneMonday, "\")))");
    }

    @Test
    void the_look_back_runs_from_the_previous_deadline_to_the_check_in_whole_hours() {
        assertThat(DeadlineAlarms.lookBackHours(LocalTime.of(8, 30))).isEqualTo(23);
        assertThat(DeadlineAlarms.lookBackHours(LocalTime.of(7, 45))).isEqualTo(22);
        assertThat(DeadlineAlarms.lookBackHours(LocalTime.of(0, 0))).isEqualTo(14);
    }

    private static Map<String, Object> properties(Object... namesAndValues) {
        Map<String, Object> properties = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            properties.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return properties;
    }

    private static String logicalId(String type, String nameProperty, String name) {
        Map<String, Map<String, Object>> found = WorkloadStackTest.castResources(
                dev.findResources(type, Map.of("Properties", Map.of(nameProperty, name))));
        assertThat(found).as(name).hasSize(1);
        return found.keySet().iterator().next();
    }
}
