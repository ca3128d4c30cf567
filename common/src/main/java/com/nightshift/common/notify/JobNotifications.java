package com.nightshift.common.notify;

import java.time.Clock;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.nightshift.common.json.JsonCodec;
import com.nightshift.common.worker.JobFailure;

import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Publishes job notifications to the job topic ({@code NOTIFICATION_TOPIC_ARN}): a JSON document per
 * notice, with its {@code type} also as the message attribute {@value #TYPE_ATTRIBUTE}, so a subscription
 * can filter on it. A notice that cannot be published is logged and dropped: it never fails the job
 * it reports on (the dead-letter alarm and the logs still see the failure).
 */
public final class JobNotifications implements JobFailure.Listener {

    /** The message attribute that carries the notice's type. */
    public static final String TYPE_ATTRIBUTE = "type";

    private static final Logger LOG = LoggerFactory.getLogger(JobNotifications.class);

    private final SnsClient sns;
    private final String topicArn;
    private final Clock clock;

    public JobNotifications(SnsClient sns, String topicArn, Clock clock) {
        if (topicArn == null || topicArn.isBlank()) {
            throw new IllegalArgumentException("job notifications need a topic ARN");
        }
        this.sns = sns;
        this.topicArn = topicArn;
        this.clock = clock;
    }

    @Override
    public void failed(JobFailure failure) {
        JobFailedNotice notice = JobFailedNotice.of(failure, clock.instant());
        publish(notice.type(), notice);
    }

    /** Publishes that the night of {@code notice} is complete. */
    public void nightComplete(NightCompleteNotice notice) {
        publish(notice.type(), notice);
    }

    private void publish(String type, Object notice) {
        String body = JsonCodec.write(notice);
        try {
            sns.publish(b -> b.topicArn(topicArn).message(body).messageAttributes(Map.of(TYPE_ATTRIBUTE,
                    MessageAttributeValue.builder().dataType("String").stringValue(type).build())));
            LOG.info("published {} to {}", type, topicArn);
        } catch (RuntimeException e) {
            LOG.warn("could not publish {} to {}: {}", type, topicArn, e.toString());
        }
    }
}
