package com.nightshift.infra.constructs;

import com.nightshift.infra.compliance.Suppressions;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CfnBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

import java.util.List;

/**
 * The three buckets of docs/architecture.md: {@code data} (inbound files, announces new objects to
 * EventBridge), {@code staging} (staged rows, rejects, results) and {@code output} (PDF reports,
 * versioned). All are KMS-encrypted with the workload key, private, refuse plain HTTP, and log
 * their requests to a fourth bucket, {@code accesslogs}.
 */
public final class DataBuckets extends Construct {

    public static final int ACCESS_LOG_DAYS = 90;

    private final Bucket data;
    private final Bucket staging;
    private final Bucket output;
    private final Bucket accessLogs;

    public DataBuckets(Construct scope, String id, String environmentSuffix, IKey key) {
        super(scope, id);
        // S3 server access logs and load balancer logs cannot be written to a KMS-encrypted bucket,
        // so the log bucket alone uses S3-managed keys.
        this.accessLogs = Bucket.Builder.create(this, "AccessLogs")
                .bucketName("s3-accesslogs-" + environmentSuffix)
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .enforceSsl(true)
                .lifecycleRules(List.of(LifecycleRule.builder().expiration(Duration.days(ACCESS_LOG_DAYS)).build()))
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        Suppressions.suppress(accessLogs, "AwsSolutions-S1",
                "This is the access log bucket; logging its own requests into itself would loop.");
        this.data = bucket("Data", "s3-data-" + environmentSuffix, key, false);
        this.staging = bucket("Staging", "s3-staging-" + environmentSuffix, key, false);
        this.output = bucket("Output", "s3-output-" + environmentSuffix, key, true);
        // Set on the L1 resource rather than with Bucket.eventBridgeEnabled(true): the L2 switch is
        // implemented by a Lambda-backed custom resource, which neither offline synthesis nor the
        // local emulator can run. The CloudFormation property does the same thing on AWS.
        ((CfnBucket) data.getNode().getDefaultChild()).setNotificationConfiguration(
                CfnBucket.NotificationConfigurationProperty.builder()
                        .eventBridgeConfiguration(CfnBucket.EventBridgeConfigurationProperty.builder()
                                .eventBridgeEnabled(true)
                                .build())
                        .build());
    }

    private Bucket bucket(String id, String name, IKey key, boolean versioned) {
        return Bucket.Builder.create(this, id)
                .bucketName(name)
                .encryption(BucketEncryption.KMS)
                .encryptionKey(key)
                .bucketKeyEnabled(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .enforceSsl(true)
                .versioned(versioned)
                .serverAccessLogsBucket(accessLogs)
                .serverAccessLogsPrefix("s3/" + name + "/")
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
    }

    /** S3-managed-key bucket for S3 server access logs and load balancer access logs, kept 90 days. */
    public Bucket accessLogs() {
        return accessLogs;
    }

    public Bucket data() {
        return data;
    }

    public Bucket staging() {
        return staging;
    }

    public Bucket output() {
        return output;
    }
}
