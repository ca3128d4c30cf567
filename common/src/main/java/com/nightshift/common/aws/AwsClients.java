package com.nightshift.common.aws;

import java.time.Duration;
import java.util.List;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the AWS SDK clients the services use, all configured the same way from one {@link AwsEndpoint}.
 *
 * <p>The URL-connection HTTP client is chosen explicitly: it is small, starts fast, and keeps the
 * SDK from guessing between HTTP implementations found on the class path.
 *
 * <p>Every call is retried on errors AWS calls transient (5xx answers, throttling such as S3's
 * {@code SlowDown}, a dropped or timed-out connection) with the SDK's standard strategy: exponential
 * back-off with jitter, and a retry quota that stops retrying while a service keeps failing. It is
 * chosen here rather than left to the SDK's default (the legacy mode unless {@code AWS_RETRY_MODE}
 * says otherwise), with {@value #MAX_ATTEMPTS} attempts, so that a short bad spell of S3 or SQS is
 * ridden out inside one job instead of costing a redelivery of its message.
 */
public final class AwsClients {

    /** Attempts per call, the first included. */
    public static final int MAX_ATTEMPTS = 5;

    private final AwsEndpoint endpoint;
    private final List<ExecutionInterceptor> interceptors;

    public AwsClients(AwsEndpoint endpoint) {
        this(endpoint, List.of());
    }

    /** Clients that run {@code interceptors} around every call, e.g. to trace it. */
    public AwsClients(AwsEndpoint endpoint, List<ExecutionInterceptor> interceptors) {
        this.endpoint = endpoint;
        this.interceptors = List.copyOf(interceptors);
    }

    public AwsEndpoint endpoint() {
        return endpoint;
    }

    public S3Client s3() {
        // Path-style addressing: emulators on loopback cannot resolve virtual-host bucket names.
        return configure(S3Client.builder()).forcePathStyle(endpoint.isEmulator()).build();
    }

    public SqsClient sqs() {
        return configure(SqsClient.builder()).build();
    }

    public SnsClient sns() {
        return configure(SnsClient.builder()).build();
    }

    /** Applies region, endpoint, credentials, HTTP client and interceptors to any SDK client builder. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder) {
        builder.region(endpoint.region())
                .credentialsProvider(endpoint.credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(60)))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallAttemptTimeout(Duration.ofSeconds(60))
                        .executionInterceptors(interceptors)
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(MAX_ATTEMPTS).build())
                        .build());
        endpoint.endpointOverride().ifPresent(builder::endpointOverride);
        return builder;
    }
}
