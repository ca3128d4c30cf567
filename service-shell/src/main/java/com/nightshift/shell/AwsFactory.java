package com.nightshift.shell;

import com.nightshift.common.aws.AwsClients;
import com.nightshift.common.aws.AwsEndpoint;
import com.nightshift.common.manifest.ManifestSigner;
import com.nightshift.common.notify.JobNotifications;
import com.nightshift.common.storage.ObjectStore;
import com.nightshift.common.trace.AwsCallSpans;
import com.nightshift.common.trace.Tracing;
import com.nightshift.common.worker.JobPublisher;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * AWS clients configured from the task's environment ({@code AWS_REGION}, and {@code AWS_ENDPOINT_URL}
 * when the stack is an emulator), and the manifest signer keyed by the application secret.
 */
@Factory
public class AwsFactory {

    /** Clients whose calls made inside a job are spans of that job ({@link AwsCallSpans}). */
    @Singleton
    AwsClients awsClients(Tracing tracing) {
        return new AwsClients(AwsEndpoint.fromEnvironment(), java.util.List.of(new AwsCallSpans(tracing)));
    }

    @Singleton
    @Bean(preDestroy = "close")
    S3Client s3(AwsClients clients) {
        return clients.s3();
    }

    @Singleton
    @Bean(preDestroy = "close")
    SqsClient sqs(AwsClients clients) {
        return clients.sqs();
    }

    @Singleton
    @Bean(preDestroy = "close")
    SnsClient sns(AwsClients clients) {
        return clients.sns();
    }

    /**
     * Job notices to the topic named by {@code NOTIFICATION_TOPIC_ARN}, which the task definition gives every
     * service; without it notices are only logged.
     */
    @Singleton
    JobNotifications jobNotifications(SnsClient sns,
            @Property(name = "notification.topic.arn", defaultValue = "") String topicArn) {
        return new JobNotifications(sns, topicArn, java.time.Clock.systemUTC());
    }

    @Singleton
    ObjectStore objectStore(S3Client s3) {
        return new ObjectStore(s3);
    }

    @Singleton
    JobPublisher jobPublisher(SqsClient sqs) {
        return new JobPublisher(sqs);
    }

    /**
     * Spans to the collector sidecar named by {@code OTEL_EXPORTER_OTLP_ENDPOINT}, which relays them to
     * AWS X-Ray; dropped when the variable is empty or unset. Flushed and closed by {@link WorkerLifecycle}
     * once the workers have stopped, so the spans of the last jobs are sent.
     */
    @Singleton
    Tracing tracing(@Property(name = "otel.exporter.otlp.endpoint", defaultValue = "") String endpoint,
            @Property(name = "micronaut.application.name") String serviceName) {
        return Tracing.forEndpoint(endpoint, serviceName);
    }

    /** From {@code MANIFEST_SIGNING_KEY}, which the task definition injects from Secrets Manager. */
    @Singleton
    ManifestSigner manifestSigner(@Property(name = "manifest.signing.key") String key) {
        return ManifestSigner.withKey(key);
    }
}
