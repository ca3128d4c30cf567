package com.nightshift.infra.constructs;

import com.nightshift.infra.compliance.Suppressions;
import com.nightshift.infra.config.BucketMode;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CfnBucket;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

import java.util.List;

/**
 * The three buckets of docs/architecture.md: {@code data} (inbound files, announces new objects to
 * EventBridge), {@code staging} (staged rows, rejects, results) and {@code output} (PDF reports,
 * versioned). Created, they are KMS-encrypted with the workload key, private, refuse plain HTTP, log
 * their requests to a fourth bucket, {@code accesslogs}, and expire what is only needed for a while
 * (see the {@code *_DAYS} constants). Imported ({@link BucketMode#IMPORT}), they are existing buckets
 * named by the stack parameters {@code ExistingDataBucketName}, {@code ExistingStagingBucketName} and
 * {@code ExistingOutputBucketName}; their owner sets encryption, lifecycle and the data bucket's
 * EventBridge notifications. The access log bucket is always created.
 */
public final class DataBuckets extends Construct {

    /** S3 server access logs and load balancer logs. */
    public static final int ACCESS_LOG_DAYS = 90;
    /** Inbound files: long enough to re-run a month's nights and answer an audit question about them. */
    public static final int INBOUND_DAYS = 90;
    /** Staged rows, rejects and ingestion summaries: rebuilt from inbound files whenever needed. */
    public static final int STAGED_DAYS = 30;
    /** Replaced versions of a report (the current version is kept). */
    public static final int NONCURRENT_REPORT_DAYS = 90;
    /** Multipart uploads a crashed task left unfinished. */
    public static final int INCOMPLETE_UPLOAD_DAYS = 7;

    private final IBucket data;
    private final IBucket staging;
    private final IBucket output;
    private final Bucket accessLogs;

    public DataBuckets(Construct scope, String id, BucketMode mode, String environmentSuffix, IKey key) {
        super(scope, id);
        // S3 server access logs and load balancer logs cannot be written to a KMS-encrypted bucket,
        // so the log bucket alone uses S3-managed keys.
        this.accessLogs = Bucket.Builder.create(this, "AccessLogs")
                .bucketName(bucketName("accesslogs", environmentSuffix))
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .enforceSsl(true)
                .lifecycleRules(List.of(LifecycleRule.builder().id("expire-logs").expiration(Duration.days(ACCESS_LOG_DAYS)).build(),
                        abortIncompleteUploads()))
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        Suppressions.suppress(accessLogs, "AwsSolutions-S1",
                "This is the access log bucket; logging its own requests into itself would loop.");
        if (mode == BucketMode.IMPORT) {
            this.data = imported("Data", "data");
            this.staging = imported("Staging", "staging");
            this.output = imported("Output", "output");
            return;
        }
        Bucket createdData = bucket("Data", bucketName("data", environmentSuffix), key, false, List.of(
                expire("inbound/", INBOUND_DAYS), abortIncompleteUploads()));
        this.data = createdData;
        this.staging = bucket("Staging", bucketName("staging", environmentSuffix), key, false, List.of(
                expire("staged/", STAGED_DAYS), expire("rejects/", STAGED_DAYS), expire("ingested/", STAGED_DAYS),
                abortIncompleteUploads()));
        this.output = bucket("Output", bucketName("output", environmentSuffix), key, true, List.of(
                LifecycleRule.builder().id("noncurrent-reports")
                        .noncurrentVersionExpiration(Duration.days(NONCURRENT_REPORT_DAYS)).build(),
                abortIncompleteUploads()));
        // Set on the L1 resource rather than with Bucket.eventBridgeEnabled(true): the L2 switch is
        // implemented by a Lambda-backed custom resource, which neither offline synthesis nor the
        // local emulator can run. The CloudFormation property does the same thing on AWS.
        ((CfnBucket) createdData.getNode().getDefaultChild()).setNotificationConfiguration(
                CfnBucket.NotificationConfigurationProperty.builder()
                        .eventBridgeConfiguration(CfnBucket.EventBridgeConfigurationProperty.builder()
                                .eventBridgeEnabled(true)
                                .build())
                        .build());
    }

    /**
     * {@code s3-<purpose>-<suffix>-<account>-<region>}: the naming rule, made unique the way S3 needs it
     * (bucket names are global across all accounts, so {@code s3-data-dev} alone is almost surely taken).
     * The account is the deploying account unless the configuration pins one.
     */
    public String bucketName(String purpose, String environmentSuffix) {
        Stack stack = Stack.of(this);
        return "s3-" + purpose + "-" + environmentSuffix + "-" + stack.getAccount() + "-" + stack.getRegion();
    }

    private IBucket imported(String id, String purpose) {
        CfnParameter name = CfnParameter.Builder.create(Stack.of(this), "Existing" + id + "BucketName")
                .type("String")
                .allowedPattern("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
                .description("Name of the existing " + purpose + " bucket (see docs/architecture.md)")
                .build();
        return Bucket.fromBucketName(this, id, name.getValueAsString());
    }

    private static LifecycleRule expire(String prefix, int days) {
        return LifecycleRule.builder().id("expire-" + prefix.replace("/", "")).prefix(prefix)
                .expiration(Duration.days(days)).build();
    }

    private static LifecycleRule abortIncompleteUploads() {
        return LifecycleRule.builder().id("abort-incomplete-uploads")
                .abortIncompleteMultipartUploadAfter(Duration.days(INCOMPLETE_UPLOAD_DAYS)).build();
    }

    private Bucket bucket(String id, String name, IKey key, boolean versioned, List<LifecycleRule> lifecycle) {
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
                .serverAccessLogsPrefix("s3/" + id.toLowerCase(java.util.Locale.ROOT) + "/")
                .lifecycleRules(lifecycle)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
    }

    /** S3-managed-key bucket for S3 server access logs and load balancer access logs, kept 90 days. */
    public Bucket accessLogs() {
        return accessLogs;
    }

    public IBucket data() {
        return data;
    }

    public IBucket staging() {
        return staging;
    }

    public IBucket output() {
        return output;
    }
}
