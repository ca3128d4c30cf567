package com.nightshift.infra.constructs;

import com.nightshift.infra.config.BacklogScaling;
import com.nightshift.infra.config.ServiceSizing;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.applicationautoscaling.AdjustmentType;
import software.amazon.awscdk.services.applicationautoscaling.BasicStepScalingPolicyProps;
import software.amazon.awscdk.services.applicationautoscaling.CfnScalingPolicy;
import software.amazon.awscdk.services.applicationautoscaling.ScalableTarget;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.applicationautoscaling.ScalingInterval;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.ecs.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.ScalableTaskCount;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.CfnResource;
import software.constructs.Construct;
import software.constructs.IConstruct;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Task-count scaling of one service between its configured minimum and maximum: CPU target tracking
 * at {@value #CPU_TARGET_PERCENT}% scales out, a step policy scales in once CPU stays below
 * {@value #CPU_SCALE_IN_PERCENT}%, and a queue worker also tracks its backlog per running task
 * (visible messages / running tasks, target {@value #BACKLOG_PER_TASK}). Every policy waits
 * {@link #COOLDOWN} between adjustments. The alarm that drives the CPU step policy is named
 * {@code alarm-<service>-scaling-cpu-low-<suffix>}; target tracking manages its own alarms.
 */
public final class ServiceScaling extends Construct {

    public static final int CPU_TARGET_PERCENT = 70;
    public static final int CPU_SCALE_IN_PERCENT = 30;
    public static final int BACKLOG_PER_TASK = BacklogScaling.BACKLOG_PER_TASK;
    /** With no task running the whole backlog counts, so an idle service still scales out. */
    public static final String BACKLOG_PER_TASK_EXPRESSION = BacklogScaling.EXPRESSION;
    public static final Duration COOLDOWN = Duration.seconds(300);

    private final ScalableTaskCount taskCount;

    public ServiceScaling(Construct scope, String id, String serviceLabel, String environmentSuffix,
                          FargateService service, ServiceSizing sizing, String clusterName, Optional<IQueue> workQueue) {
        super(scope, id);
        this.taskCount = service.autoScaleTaskCount(EnableScalingProps.builder()
                .minCapacity(sizing.minCount())
                .maxCapacity(sizing.maxCount())
                .build());
        // Scale-in is left to the step policy below, so tasks are removed only when CPU is clearly low.
        taskCount.scaleOnCpuUtilization("CpuTarget", CpuUtilizationScalingProps.builder()
                .targetUtilizationPercent(CPU_TARGET_PERCENT)
                .disableScaleIn(true)
                .scaleOutCooldown(COOLDOWN)
                .scaleInCooldown(COOLDOWN)
                .build());
        taskCount.scaleOnMetric("CpuLow", BasicStepScalingPolicyProps.builder()
                .metric(service.metricCpuUtilization(MetricOptions.builder()
                        .period(Duration.minutes(5)).build()))
                .scalingSteps(List.of(
                        ScalingInterval.builder().upper(CPU_SCALE_IN_PERCENT).change(-1).build(),
                        ScalingInterval.builder().lower(CPU_SCALE_IN_PERCENT).change(0).build()))
                .adjustmentType(AdjustmentType.CHANGE_IN_CAPACITY)
                .evaluationPeriods(3)
                .cooldown(COOLDOWN)
                .build());
        workQueue.ifPresent(queue -> trackBacklogPerTask(queue, clusterName, service.getServiceName(),
                "scaling-" + serviceLabel + "-backlog-" + environmentSuffix));
        nameAlarms("CpuLow", "alarm-" + serviceLabel + "-scaling-cpu-low-" + environmentSuffix);
    }

    /**
     * Target tracking on metric math: Application Auto Scaling keeps visible messages per running task
     * near {@value #BACKLOG_PER_TASK}, adding tasks as the backlog grows and removing them as it drains.
     * The L2 scaling API takes only single metrics for target tracking, so the policy is written at the
     * CloudFormation level with the metric-math form of CustomizedMetricSpecification.
     */
    private void trackBacklogPerTask(IQueue queue, String clusterName, String serviceName, String policyName) {
        ScalableTarget target = (ScalableTarget) taskCount.getNode().findChild("Target");
        CfnScalingPolicy.Builder.create(this, "BacklogTarget")
                .policyName(policyName)
                .policyType("TargetTrackingScaling")
                .scalingTargetId(target.getScalableTargetId())
                .targetTrackingScalingPolicyConfiguration(CfnScalingPolicy.TargetTrackingScalingPolicyConfigurationProperty.builder()
                        .targetValue(BACKLOG_PER_TASK)
                        .scaleOutCooldown(COOLDOWN.toSeconds())
                        .scaleInCooldown(COOLDOWN.toSeconds())
                        .customizedMetricSpecification(CfnScalingPolicy.CustomizedMetricSpecificationProperty.builder()
                                .metrics(List.of(
                                        CfnScalingPolicy.TargetTrackingMetricDataQueryProperty.builder()
                                                .id("backlog_per_task")
                                                .label("Visible messages per running task")
                                                .expression(BACKLOG_PER_TASK_EXPRESSION)
                                                .returnData(true)
                                                .build(),
                                        metricStat("visible", "AWS/SQS", "ApproximateNumberOfMessagesVisible",
                                                Map.of("QueueName", queue.getQueueName()), "Maximum"),
                                        metricStat("running", "ECS/ContainerInsights", "RunningTaskCount",
                                                Map.of("ClusterName", clusterName, "ServiceName", serviceName), "Average")))
                                .build())
                        .build())
                .build();
    }

    private static CfnScalingPolicy.TargetTrackingMetricDataQueryProperty metricStat(String id, String namespace,
            String metricName, Map<String, String> dimensions, String statistic) {
        return CfnScalingPolicy.TargetTrackingMetricDataQueryProperty.builder()
                .id(id)
                .returnData(false)
                .metricStat(CfnScalingPolicy.TargetTrackingMetricStatProperty.builder()
                        .stat(statistic)
                        .metric(CfnScalingPolicy.TargetTrackingMetricProperty.builder()
                                .namespace(namespace)
                                .metricName(metricName)
                                .dimensions(dimensions.entrySet().stream()
                                        .map(d -> CfnScalingPolicy.TargetTrackingMetricDimensionProperty.builder()
                                                .name(d.getKey()).value(d.getValue()).build())
                                        .toList())
                                .build())
                        .build())
                .build();
    }

    /** Step scaling creates its alarm itself, without a name; give it one like every other alarm. */
    private void nameAlarms(String policyId, String alarmName) {
        // The policies and their alarms live under the task count, which CDK puts under the service.
        for (IConstruct child : taskCount.getNode().findAll()) {
            if (child instanceof CfnResource resource && "AWS::CloudWatch::Alarm".equals(resource.getCfnResourceType())
                    && child.getNode().getPath().contains("/" + policyId + "/")) {
                resource.addPropertyOverride("AlarmName", alarmName);
            }
        }
    }

    /** Container Insights' count of running tasks of one service. */
    public static Metric runningTasks(String clusterName, String serviceName) {
        return Metric.Builder.create()
                .namespace("ECS/ContainerInsights")
                .metricName("RunningTaskCount")
                .dimensionsMap(Map.of("ClusterName", clusterName, "ServiceName", serviceName))
                .statistic("Average")
                .period(Duration.minutes(1))
                .build();
    }
}
