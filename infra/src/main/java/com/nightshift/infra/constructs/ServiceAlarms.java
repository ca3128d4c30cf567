package com.nightshift.infra.constructs;

import com.nightshift.infra.config.AlarmThresholds;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;

/**
 * The alarms of one service, all notifying the operations topic: CPU high, memory high, fewer
 * running tasks than desired for 15 minutes (tasks failing to start or being stopped), and the
 * service held at its maximum task count for 30 minutes (scaling can add no more capacity). Each is
 * named {@code alarm-<service>-<condition>-<suffix>}, the name docs/operations.md files its runbook under.
 */
public final class ServiceAlarms extends Construct {

    private final List<Alarm> alarms;

    /** Minutes a service may sit at its maximum task count before {@code alarm-<service>-at-max-tasks-<suffix>} fires. */
    public static final int AT_MAX_MINUTES = 30;

    private final String serviceLabel;
    private final String environmentSuffix;

    public ServiceAlarms(Construct scope, String id, String serviceLabel, String environmentSuffix, FargateService service,
                         String clusterName, int maxCount, AlarmThresholds thresholds, ITopic topic) {
        super(scope, id);
        this.serviceLabel = serviceLabel;
        this.environmentSuffix = environmentSuffix;
        MetricOptions fiveMinutes = MetricOptions.builder().period(Duration.minutes(5)).statistic("Average").build();
        Alarm cpu = alarm("CpuHigh", "cpu-high", serviceLabel + ": CPU above " + thresholds.cpuHighPercent() + "% for 15 minutes",
                service.metricCpuUtilization(fiveMinutes), thresholds.cpuHighPercent(),
                ComparisonOperator.GREATER_THAN_THRESHOLD, TreatMissingData.MISSING);
        Alarm memory = alarm("MemoryHigh", "memory-high", serviceLabel + ": memory above " + thresholds.memoryHighPercent() + "% for 15 minutes",
                service.metricMemoryUtilization(fiveMinutes), thresholds.memoryHighPercent(),
                ComparisonOperator.GREATER_THAN_THRESHOLD, TreatMissingData.MISSING);
        Alarm tasks = alarm("TasksBelowDesired", "tasks-below-desired", serviceLabel + ": fewer running tasks than desired for 15 minutes",
                MathExpression.Builder.create()
                        .label("Desired minus running tasks")
                        .expression("desired - running")
                        .usingMetrics(Map.of(
                                "desired", insight("DesiredTaskCount", clusterName, service.getServiceName()),
                                "running", insight("RunningTaskCount", clusterName, service.getServiceName())))
                        .period(Duration.minutes(5))
                        .build(),
                0, ComparisonOperator.GREATER_THAN_THRESHOLD, TreatMissingData.BREACHING);
        // Desired count is what autoscaling asks for; its minimum over a period at the ceiling means it
        // stayed there the whole period.
        Alarm atMax = Alarm.Builder.create(this, "AtMaxTasks")
                .alarmName(name("at-max-tasks"))
                .alarmDescription(serviceLabel + ": at its maximum of " + maxCount + " tasks for " + AT_MAX_MINUTES
                        + " minutes; scaling cannot add capacity")
                .metric(insight("DesiredTaskCount", clusterName, service.getServiceName()).with(MetricOptions.builder()
                        .statistic("Minimum").build()))
                .threshold(maxCount)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(AT_MAX_MINUTES / 5)
                .datapointsToAlarm(AT_MAX_MINUTES / 5)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        this.alarms = List.of(cpu, memory, tasks, atMax);
        alarms.forEach(a -> {
            a.addAlarmAction(new SnsAction(topic));
            a.addOkAction(new SnsAction(topic));
        });
    }

    private String name(String condition) {
        return "alarm-" + serviceLabel + "-" + condition + "-" + environmentSuffix;
    }

    private Alarm alarm(String id, String condition, String description, IMetric metric, double threshold,
                        ComparisonOperator comparison, TreatMissingData missing) {
        return Alarm.Builder.create(this, id)
                .alarmName(name(condition))
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(comparison)
                .evaluationPeriods(3)
                .datapointsToAlarm(3)
                .treatMissingData(missing)
                .build();
    }

    private static Metric insight(String name, String clusterName, String serviceName) {
        return Metric.Builder.create()
                .namespace("ECS/ContainerInsights")
                .metricName(name)
                .dimensionsMap(Map.of("ClusterName", clusterName, "ServiceName", serviceName))
                .statistic("Average")
                .period(Duration.minutes(5))
                .build();
    }

    public List<Alarm> alarms() {
        return alarms;
    }
}
