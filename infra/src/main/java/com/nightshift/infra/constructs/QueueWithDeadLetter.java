package com.nightshift.infra.constructs;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * A KMS-encrypted work queue with its own dead-letter queue: a message received
 * {@link #MAX_RECEIVE_COUNT} times without being deleted moves to the dead-letter queue.
 * Names: {@code sqs-<purpose>-<suffix>} and {@code sqs-<purpose>-dlq-<suffix>}.
 */
public final class QueueWithDeadLetter extends Construct {

    public static final int MAX_RECEIVE_COUNT = 5;

    private final Queue queue;
    private final Queue deadLetterQueue;

    /**
     * @param visibilityTimeout longer than the longest job on this queue, so a message in work is
     *                          not handed to a second consumer
     */
    public QueueWithDeadLetter(Construct scope, String id, String purpose, String environmentSuffix,
                               Duration visibilityTimeout, IKey key) {
        super(scope, id);
        this.deadLetterQueue = Queue.Builder.create(this, "DeadLetter")
                .queueName("sqs-" + purpose + "-dlq-" + environmentSuffix)
                .encryption(QueueEncryption.KMS)
                .encryptionMasterKey(key)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        this.queue = Queue.Builder.create(this, "Queue")
                .queueName("sqs-" + purpose + "-" + environmentSuffix)
                .encryption(QueueEncryption.KMS)
                .encryptionMasterKey(key)
                .enforceSsl(true)
                .visibilityTimeout(visibilityTimeout)
                .retentionPeriod(Duration.days(4))
                .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetterQueue).maxReceiveCount(MAX_RECEIVE_COUNT).build())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
    }

    public Queue queue() {
        return queue;
    }

    public Queue deadLetterQueue() {
        return deadLetterQueue;
    }
}
