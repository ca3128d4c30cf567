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
 * it reports on (the dead-letter alarm and the logs still see the failure). Without a topic (a blank
 * ARN: a service run outside a stack, a test) notices are only logged.
 */
public final class JobNotifications implements JobFailure.Listener {

    /** The message attribute that carries the notice's type. */
    public static final String TYPE_ATTRIBUTE = "type";

    private static final Logger LOG = LoggerFactory.getLogger(JobNotifications.class);

    private final SnsClient sns;
    private final String topicArn;
    private final Clock clock;

    public JobNotifications(SnsClient sns, String topicArn, Clock clock) {
        this.sns = sns;
        this.topicArn = topicArn == null ? "" : topicArn.strip();
        this.clock = clock;
        if (this.topicArn.isEmpty()) {
            LOG.warn("no job topic (NOTIFICATION_TOPIC_ARN is empty): job notices are only logged");
        }
    }

    /** True when notices go to a topic. */
    public boolean publishing() {
        return !topicArn.isEmpty();
    }

    @Override
    public void failed(JobFailure failure) {
        JobFailedNotice notice = JobFailedNotice.of(failure, clock.instant());
        publish(notice.type(), notice);
    }

    /** Publishes that the night of {@code notice} is complete; false when it could not be published. */
    public boolean nightComplete(NightCompleteNotice notice) {
        return publish(notice.type(), notice);
    }

    private boolean publish(String type, Object notice) {
        String body = JsonCodec.write(notice);
        if (!publishing()) {
            LOG.info("{} (no job topic): {}", type, body);
            return true;
        }
        try {
            sns.publish(b -> b.topicArn(topicArn).message(body).messageAttributes(Map.of(TYPE_ATTRIBUTE,
                    MessageAttributeValue.builder().dataType("String").stringValue(type).build())));
            LOG.info("published {} to {}", type, topicArn);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("could not publish {} to {}: {}", type, topicArn, e.toString());
            return false;
        }
    }
}
