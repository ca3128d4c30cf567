package com.nightshift.infra.constructs;

import com.nightshift.infra.compliance.Suppressions;
import com.nightshift.infra.config.AlarmThresholds;
import com.nightshift.infra.config.Workload;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmRule;
import software.amazon.awscdk.services.cloudwatch.AlarmState;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.CompositeAlarm;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IAlarmRule;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.scheduler.CfnSchedule;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;

import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/**
 * The alarms on the night's 09:30 New York deadline, read from the business metrics the reporting service
 * writes when a night completes (common's {@code BusinessMetrics}; docs/operations.md, "Business metrics").
 *
 * <ul>
 *   <li><b>{@code alarm-night-late-<suffix>}</b>: a night completed with less than
 *       {@code alarms.deadlineMarginMinutes} left before its deadline, or after it ({@code SecondsBeforeDeadline}
 *       below the margin). Missing data is not breaching: the metric exists only when a night completes.
 *   <li><b>{@code alarm-night-not-complete-<suffix>}</b>: at {@code alarms.nightCheckTime} New York time on a
 *       weekday, no night has completed since the previous night's deadline.
 * </ul>
 *
 * <p><b>Why the second alarm is a composite.</b> A night completes once a day, so {@code NightsCompleted} is
 * one datapoint a day. A plain alarm with missing data as breaching over a window of {@code W} hours fires
 * {@code W} hours after the last completion, whatever the time of day, and every weekend (no night completes
 * on Saturday or Sunday morning); CloudWatch alarms are evaluated on a sliding window and cannot be told the
 * time of day. So the time of day comes from EventBridge Scheduler, which runs in New York time (daylight
 * saving included): at the check time it puts one {@code NightChecks} datapoint (a universal target calling
 * {@code cloudwatch:PutMetricData}), which holds its check alarm in ALARM for about five minutes. The "no night
 * completed" alarm counts {@code NightsCompleted} per hour over the hours since the previous night's deadline,
 * missing data as breaching (nothing at all arrived, because the reporting service is down, is the case to
 * catch). The composite is in ALARM when both are: the check has come and nothing completed. Monday looks back
 * to Friday's deadline (a Friday night may complete over the weekend), Tuesday to Friday to the previous day's;
 * so there are two pairs, one per look-back, and the composite's rule is either pair in ALARM. An alarm's
 * window may be up to 7 days for hourly periods, so Monday's 71 hours fit. The composite notifies when it fires only: it goes back to OK when
 * the check's datapoint ages out, which says nothing about the night.
 */
public final class DeadlineAlarms extends Construct {

    /** The metrics of the reporting service ({@code BusinessMetrics} in common) and their one dimension. */
    public static final String NIGHTS_COMPLETED = "NightsCompleted";
    public static final String SECONDS_BEFORE_DEADLINE = "SecondsBeforeDeadline";
    public static final String SERVICE_DIMENSION = "Service";
    /** The datapoint the check schedules put, with the dimension {@link #WINDOW_DIMENSION}. */
    public static final String NIGHT_CHECKS = "NightChecks";
    public static final String WINDOW_DIMENSION = "Window";
    /** The deadline, New York time; the look-back of a check starts at the previous deadline. */
    static final LocalTime DEADLINE = LocalTime.of(9, 30);
    static final String NEW_YORK = "America/New_York";

    private final Alarm late;
    private final CompositeAlarm notComplete;

    public DeadlineAlarms(Construct scope, String id, String environmentSuffix, String namespace,
                          AlarmThresholds thresholds, ITopic topic) {
        super(scope, id);
        Map<String, String> reporting = Map.of(SERVICE_DIMENSION, Workload.REPORTING.moduleName());
        int margin = thresholds.deadlineMarginMinutes();
        this.late = Alarm.Builder.create(this, "Late")
                .alarmName("alarm-night-late-" + environmentSuffix)
                .alarmDescription("A night completed less than " + margin + " minutes before its 09:30 New York deadline, "
                        + "or after it (docs/operations.md)")
                .metric(Metric.Builder.create().namespace(namespace).metricName(SECONDS_BEFORE_DEADLINE)
                        .dimensionsMap(reporting).statistic("Minimum").period(Duration.minutes(5)).build())
                .threshold(margin * 60)
                .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        late.addAlarmAction(new SnsAction(topic));
        late.addOkAction(new SnsAction(topic));

        Role role = Role.Builder.create(this, "CheckRole")
                .description("EventBridge Scheduler: put the night check datapoint in " + namespace)
                .assumedBy(new ServicePrincipal("scheduler.amazonaws.com").withConditions(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID))))
                .build();
        Policy putCheck = Policy.Builder.create(this, "PutCheck")
                .roles(List.of(role))
                .statements(List.of(PolicyStatement.Builder.create()
                        .actions(List.of("cloudwatch:PutMetricData"))
                        .resources(List.of("*"))
                        .conditions(Map.of("StringEquals", Map.of("cloudwatch:namespace", namespace)))
                        .build()))
                .build();
        Suppressions.suppress(putCheck, "AwsSolutions-IAM5",
                "cloudwatch:PutMetricData has no resource-level permissions; the condition limits it to this "
                        + "environment's namespace.", List.of("Resource::*"));

        LocalTime check = thresholds.nightCheckTime();
        int weekdayHours = lookBackHours(check);
        IAlarmRule weekdays = pair("Weekday", "weekday", "TUE-FRI", weekdayHours, environmentSuffix, namespace, check,
                role, putCheck, reporting);
        IAlarmRule monday = pair("Monday", "monday", "MON", weekdayHours + 48, environmentSuffix, namespace, check,
                role, putCheck, reporting);
        this.notComplete = CompositeAlarm.Builder.create(this, "NotComplete")
                .compositeAlarmName("alarm-night-not-complete-" + environmentSuffix)
                .alarmDescription("At " + check + " New York time no night had completed since the previous deadline "
                        + "(docs/operations.md)")
                .alarmRule(AlarmRule.anyOf(weekdays, monday))
                .build();
        notComplete.addAlarmAction(new SnsAction(topic));
    }

    /**
     * Whole hours from the previous day's deadline to {@code check}: 23 for 08:30. Rounded down, so the
     * window never reaches back to a previous night completing just before its own deadline.
     */
    public static int lookBackHours(LocalTime check) {
        return (int) java.time.Duration.between(DEADLINE, check).plusDays(1).toHours();
    }

    /**
     * A check schedule on {@code days}, its check alarm, the "no night completed in {@code hours} hours" alarm,
     * and the rule that both are in ALARM. Neither alarm has actions: only the composite notifies.
     */
    private IAlarmRule pair(String id, String window, String days, int hours, String suffix, String namespace,
                        LocalTime check, Role role, Policy putCheck, Map<String, String> reporting) {
        CfnSchedule schedule = CfnSchedule.Builder.create(this, id + "Check")
                .name("schedule-night-check-" + window + "-" + suffix)
                .description("Night check: puts " + NIGHT_CHECKS + " at " + check + " New York time, " + days)
                .scheduleExpression("cron(" + check.getMinute() + " " + check.getHour() + " ? * " + days + " *)")
                .scheduleExpressionTimezone(NEW_YORK)
                .flexibleTimeWindow(CfnSchedule.FlexibleTimeWindowProperty.builder().mode("OFF").build())
                .state("ENABLED")
                .target(CfnSchedule.TargetProperty.builder()
                        .arn("arn:" + Aws.PARTITION + ":scheduler:::aws-sdk:cloudwatch:putMetricData")
                        .roleArn(role.getRoleArn())
                        .input(checkDatapoint(namespace, window))
                        .retryPolicy(CfnSchedule.RetryPolicyProperty.builder()
                                .maximumEventAgeInSeconds(300)
                                .maximumRetryAttempts(5)
                                .build())
                        .build())
                .build();
        schedule.getNode().addDependency(putCheck);
        Alarm checked = Alarm.Builder.create(this, id + "Checked")
                .alarmName("alarm-night-check-" + window + "-" + suffix)
                .alarmDescription("The night check of " + days + " has just run (part of alarm-night-not-complete-"
                        + suffix + "; no actions of its own)")
                .metric(Metric.Builder.create().namespace(namespace).metricName(NIGHT_CHECKS)
                        .dimensionsMap(Map.of(WINDOW_DIMENSION, window)).statistic("Sum").period(Duration.minutes(5)).build())
                .threshold(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        Alarm none = Alarm.Builder.create(this, id + "NoneCompleted")
                .alarmName("alarm-no-night-completed-" + window + "-" + suffix)
                .alarmDescription("No night completed in the last " + hours + " hours (part of alarm-night-not-complete-"
                        + suffix + "; no actions of its own)")
                .metric(Metric.Builder.create().namespace(namespace).metricName(NIGHTS_COMPLETED)
                        .dimensionsMap(reporting).statistic("Sum").period(Duration.hours(1)).build())
                .threshold(1)
                .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                .evaluationPeriods(hours)
                .datapointsToAlarm(hours)
                .treatMissingData(TreatMissingData.BREACHING)
                .build();
        return AlarmRule.allOf(AlarmRule.fromAlarm(checked, AlarmState.ALARM), AlarmRule.fromAlarm(none, AlarmState.ALARM));
    }

    /** The PutMetricData request the check schedule sends: one {@value #NIGHT_CHECKS} datapoint of 1. */
    public static String checkDatapoint(String namespace, String window) {
        return "{\"Namespace\":\"" + namespace + "\",\"MetricData\":[{\"MetricName\":\"" + NIGHT_CHECKS
                + "\",\"Dimensions\":[{\"Name\":\"" + WINDOW_DIMENSION + "\",\"Value\":\"" + window
                + "\"}],\"Value\":1,\"Unit\":\"Count\"}]}";
    }

    /** The night's completions and the time they left before the deadline, for the dashboard. */
    public List<IMetric> nightMetrics() {
        return List.of(late.getMetric());
    }

    public List<IAlarm> alarms() {
        return List.of(late, notComplete);
    }
}
