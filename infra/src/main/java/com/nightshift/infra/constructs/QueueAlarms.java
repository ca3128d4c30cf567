package com.nightshift.infra.constructs;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;

import java.util.List;

/**
 * The alarms of one work queue, notifying the operations topic: any message in its dead-letter queue
 * (a job failed {@value QueueWithDeadLetter#MAX_RECEIVE_COUNT} times), and the oldest waiting message
 * older than the configured age (the stage is stuck or too slow for the 09:30 deadline). Named
 * {@code alarm-<purpose>-dlq-not-empty-<suffix>} and {@code alarm-<purpose>-oldest-message-age-<suffix>}.
 */
public final class QueueAlarms extends Construct {

    private final List<Alarm> alarms;

    public QueueAlarms(Construct scope, String id, String purpose, String environmentSuffix, QueueWithDeadLetter queues,
                       int oldestMessageAgeMinutes, ITopic topic) {
        super(scope, id);
        Alarm deadLetters = Alarm.Builder.create(this, "DeadLetterNotEmpty")
                .alarmName("alarm-" + purpose + "-dlq-not-empty-" + environmentSuffix)
                .alarmDescription(purpose + " dead-letter queue has messages: jobs failed repeatedly")
                .metric(queues.deadLetterQueue().metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                        .statistic("Maximum").period(Duration.minutes(1)).build()))
                .threshold(0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        Alarm oldest = Alarm.Builder.create(this, "OldestMessageAge")
                .alarmName("alarm-" + purpose + "-oldest-message-age-" + environmentSuffix)
                .alarmDescription(purpose + " queue: oldest message waiting more than " + oldestMessageAgeMinutes + " minutes")
                .metric(queues.queue().metricApproximateAgeOfOldestMessage(MetricOptions.builder()
                        .statistic("Maximum").period(Duration.minutes(5)).build()))
                .threshold(oldestMessageAgeMinutes * 60)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        this.alarms = List.of(deadLetters, oldest);
        alarms.forEach(a -> {
            a.addAlarmAction(new SnsAction(topic));
            a.addOkAction(new SnsAction(topic));
        });
    }

    public List<Alarm> alarms() {
        return alarms;
    }
}
