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
 * The alarms of one service, all notifying the operations topic: CPU high, memory high, and fewer
 * running tasks than desired for 15 minutes (tasks failing to start or being stopped).
 */
public final class ServiceAlarms extends Construct {

    private final List<Alarm> alarms;

    public ServiceAlarms(Construct scope, String id, String serviceLabel, FargateService service, String clusterName,
                         AlarmThresholds thresholds, ITopic topic) {
        super(scope, id);
        MetricOptions fiveMinutes = MetricOptions.builder().period(Duration.minutes(5)).statistic("Average").build();
        Alarm cpu = alarm("CpuHigh", serviceLabel + ": CPU above " + thresholds.cpuHighPercent() + "% for 15 minutes",
                service.metricCpuUtilization(fiveMinutes), thresholds.cpuHighPercent(),
                ComparisonOperator.GREATER_THAN_THRESHOLD, TreatMissingData.MISSING);
        Alarm memory = alarm("MemoryHigh", serviceLabel + ": memory above " + thresholds.memoryHighPercent() + "% for 15 minutes",
                service.metricMemoryUtilization(fiveMinutes), thresholds.memoryHighPercent(),
                ComparisonOperator.GREATER_THAN_THRESHOLD, TreatMissingData.MISSING);
        Alarm tasks = alarm("TasksBelowDesired", serviceLabel + ": fewer running tasks than desired for 15 minutes",
                MathExpression.Builder.create()
                        .label("Desired minus running tasks")
                        .expression("desired - running")
                        .usingMetrics(Map.of(
                                "desired", insight("DesiredTaskCount", clusterName, service.getServiceName()),
                                "running", insight("RunningTaskCount", clusterName, service.getServiceName())))
                        .period(Duration.minutes(5))
                        .build(),
                0, ComparisonOperator.GREATER_THAN_THRESHOLD, TreatMissingData.BREACHING);
        this.alarms = List.of(cpu, memory, tasks);
        alarms.forEach(a -> {
            a.addAlarmAction(new SnsAction(topic));
            a.addOkAction(new SnsAction(topic));
        });
    }

    private Alarm alarm(String id, String description, IMetric metric, double threshold,
                        ComparisonOperator comparison, TreatMissingData missing) {
        return Alarm.Builder.create(this, id)
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
