package com.nightshift.infra.constructs;

import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.CfnResourcePolicy;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.MetricFilter;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The share of stopped tasks that failed, as an alarm. AWS/ECS publishes no failed-task metric, so:
 * an EventBridge rule sends this cluster's "ECS Task State Change" events with lastStatus STOPPED to
 * a log group (a CloudWatch Logs resource policy lets EventBridge write there), two metric filters
 * count stopped and failed tasks, and {@code alarm-task-failure-rate-<suffix>} fires when failed /
 * stopped exceeds {@value #FAILED_PERCENT}% over {@value #WINDOW_MINUTES} minutes. No Lambda.
 *
 * <p>A task counts as failed when it did not start, its essential container exited by itself, it
 * failed a container or load balancer health check, or a container exited non-zero without ECS or an
 * operator having asked it to stop (scale-in, deployments and Spot reclaims end with exit 143 from
 * SIGTERM and are not failures).
 */
public final class TaskFailureRate extends Construct {

    public static final int FAILED_PERCENT = 5;
    public static final int WINDOW_MINUTES = 10;

    static final String STOPPED_PATTERN = "{ $.detail.lastStatus = \"STOPPED\" }";
    static final String FAILED_PATTERN = "{ ($.detail.lastStatus = \"STOPPED\") && ("
            + "($.detail.stopCode = \"TaskFailedToStart\") || ($.detail.stopCode = \"EssentialContainerExited\")"
            + " || ($.detail.stoppedReason = \"*health check*\")"
            + " || ((($.detail.containers[0].exitCode != 0) || ($.detail.containers[1].exitCode != 0))"
            + " && ($.detail.stopCode != \"ServiceSchedulerInitiated\") && ($.detail.stopCode != \"SpotInterruption\")"
            + " && ($.detail.stopCode != \"UserInitiated\") && ($.detail.stopCode != \"TerminationNotice\"))) }";

    private final Alarm alarm;
    private final LogGroup logGroup;

    public TaskFailureRate(Construct scope, String id, String environmentSuffix, String clusterArn, IKey key, ITopic topic) {
        super(scope, id);
        // Under /aws/events/, where the EventBridge console looks for log group targets.
        this.logGroup = new EncryptedLogGroup(this, "Events", taskEventsLogGroupName(environmentSuffix), key).logGroup();
        String logGroupArn = Stack.of(this).formatArn(ArnComponents.builder()
                .service("logs").resource("log-group").resourceName(logGroup.getLogGroupName())
                .arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());

        // EventBridge writes to CloudWatch Logs under the log group's resource policy, not a role.
        CfnResourcePolicy writeAccess = CfnResourcePolicy.Builder.create(this, "EventsWriteAccess")
                .policyName("policy-task-events-" + environmentSuffix)
                .policyDocument(Stack.of(this).toJsonString(PolicyDocument.Builder.create()
                        .statements(List.of(PolicyStatement.Builder.create()
                                .sid("EventBridgeWritesTaskStateEvents")
                                .principals(List.of(new ServicePrincipal("events.amazonaws.com"),
                                        new ServicePrincipal("delivery.logs.amazonaws.com")))
                                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                                .resources(List.of(logGroup.getLogGroupArn()))
                                .build()))
                        .build()))
                .build();

        CfnRule rule = CfnRule.Builder.create(this, "TaskStopped")
                .name("rule-task-stopped-" + environmentSuffix)
                .description("Stopped tasks of the Nightshift cluster -> " + taskEventsLogGroupName(environmentSuffix))
                .eventPattern(new TreeMap<>(Map.of(
                        "source", List.of("aws.ecs"),
                        "detail-type", List.of("ECS Task State Change"),
                        "detail", new TreeMap<>(Map.of("clusterArn", List.of(clusterArn), "lastStatus", List.of("STOPPED"))))))
                .state("ENABLED")
                .targets(List.of(CfnRule.TargetProperty.builder().id("TaskEventsLog").arn(logGroupArn).build()))
                .build();
        rule.getNode().addDependency(writeAccess);

        String namespace = namespace(environmentSuffix);
        MetricFilter stopped = MetricFilter.Builder.create(this, "Stopped")
                .filterName("filter-tasks-stopped-" + environmentSuffix)
                .logGroup(logGroup)
                .filterPattern(FilterPattern.literal(STOPPED_PATTERN))
                .metricNamespace(namespace).metricName("TasksStopped").metricValue("1").defaultValue(0)
                .build();
        MetricFilter failed = MetricFilter.Builder.create(this, "Failed")
                .filterName("filter-tasks-failed-" + environmentSuffix)
                .logGroup(logGroup)
                .filterPattern(FilterPattern.literal(FAILED_PATTERN))
                .metricNamespace(namespace).metricName("TasksFailed").metricValue("1").defaultValue(0)
                .build();

        MetricOptions sum = MetricOptions.builder().statistic("Sum").period(Duration.minutes(WINDOW_MINUTES)).build();
        this.alarm = Alarm.Builder.create(this, "Alarm")
                .alarmName("alarm-task-failure-rate-" + environmentSuffix)
                .alarmDescription("More than " + FAILED_PERCENT + "% of the tasks that stopped in " + WINDOW_MINUTES
                        + " minutes failed (did not start, crashed, or failed health checks)")
                .metric(MathExpression.Builder.create()
                        .label("Failed tasks, % of stopped")
                        .expression("IF(stopped > 0, 100 * failed / stopped, 0)")
                        .usingMetrics(new TreeMap<>(Map.of("stopped", stopped.metric(sum), "failed", failed.metric(sum))))
                        .period(Duration.minutes(WINDOW_MINUTES))
                        .build())
                .threshold(FAILED_PERCENT)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(new SnsAction(topic));
        alarm.addOkAction(new SnsAction(topic));
    }

    /** Where stopped-task events are kept; docs/operations.md points operators here. */
    public static String taskEventsLogGroupName(String environmentSuffix) {
        return "/aws/events/" + EncryptedLogGroup.name("ecs-task-state", environmentSuffix);
    }

    /** The CloudWatch namespace of the task counts, one per environment. */
    public static String namespace(String environmentSuffix) {
        return "Nightshift/" + environmentSuffix;
    }

    public Alarm alarm() {
        return alarm;
    }
}
