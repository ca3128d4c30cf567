package com.nightshift.infra.constructs;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.ecs.FargateService;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One CloudWatch dashboard for the night: every alarm's state, then per service its CPU, memory and
 * running tasks, then per queue its depth, dead letters and oldest message age, then the night's business
 * metrics (time left before the deadline).
 */
public final class OperationsDashboard extends Construct {

    private final Map<String, FargateService> services = new LinkedHashMap<>();
    private final Map<String, QueueWithDeadLetter> queues = new LinkedHashMap<>();
    private final List<IAlarm> alarms = new ArrayList<>();
    private final List<IWidget> businessRow = new ArrayList<>();
    private final String dashboardName;
    private final String clusterName;

    private final boolean showAlarms;

    /** @param showAlarms whether to include the alarm status widget (the local emulator cannot resolve it) */
    public OperationsDashboard(Construct scope, String id, String dashboardName, String clusterName, boolean showAlarms) {
        super(scope, id);
        this.showAlarms = showAlarms;
        this.dashboardName = dashboardName;
        this.clusterName = clusterName;
    }

    public OperationsDashboard service(String label, FargateService service) {
        services.put(label, service);
        return this;
    }

    public OperationsDashboard queue(String label, QueueWithDeadLetter queue) {
        queues.put(label, queue);
        return this;
    }

    public OperationsDashboard alarms(List<? extends IAlarm> more) {
        alarms.addAll(more);
        return this;
    }

    /** A graph in the business metrics row: {@code left} on the left axis, {@code right} on the right one. */
    public OperationsDashboard businessGraph(String title, List<IMetric> left, List<IMetric> right) {
        businessRow.add(graph(title, left, right));
        return this;
    }

    /** Builds the dashboard from everything added so far. */
    public Dashboard build() {
        MetricOptions avg = MetricOptions.builder().statistic("Average").period(Duration.minutes(5)).build();
        MetricOptions max = MetricOptions.builder().statistic("Maximum").period(Duration.minutes(5)).build();
        List<IWidget> serviceRow = new ArrayList<>();
        services.forEach((label, service) -> serviceRow.add(graph(label, List.of(
                service.metricCpuUtilization(avg), service.metricMemoryUtilization(avg)), List.of(
                ServiceScaling.runningTasks(clusterName, service.getServiceName())))));
        List<IWidget> queueRow = new ArrayList<>();
        queues.forEach((label, queue) -> queueRow.add(graph(label + " queue", List.of(
                queue.queue().metricApproximateNumberOfMessagesVisible(max),
                queue.deadLetterQueue().metricApproximateNumberOfMessagesVisible(max)), List.of(
                queue.queue().metricApproximateAgeOfOldestMessage(max)))));
        List<List<IWidget>> rows = new ArrayList<>();
        if (showAlarms) {
            rows.add(List.of(AlarmStatusWidget.Builder.create().title("Alarms").alarms(alarms).width(24).build()));
        }
        rows.add(serviceRow);
        rows.add(queueRow);
        if (!businessRow.isEmpty()) {
            rows.add(businessRow);
        }
        return Dashboard.Builder.create(this, "Dashboard")
                .dashboardName(dashboardName)
                .widgets(rows)
                .build();
    }

    private static GraphWidget graph(String title, List<IMetric> left, List<IMetric> right) {
        return GraphWidget.Builder.create().title(title).left(left).right(right).width(6).height(6).build();
    }
}
