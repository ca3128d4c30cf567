package com.nightshift.infra.constructs;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * A CloudWatch log group encrypted with the workload key and kept for 30 days, named
 * {@code log-<purpose>-<environmentSuffix>} like every other named resource.
 */
public final class EncryptedLogGroup extends Construct {

    /** The name of the log group for {@code purpose} in environment {@code environmentSuffix}. */
    public static String name(String purpose, String environmentSuffix) {
        return "log-" + purpose + "-" + environmentSuffix;
    }

    private final LogGroup logGroup;

    public EncryptedLogGroup(Construct scope, String id, String logGroupName, IKey key) {
        super(scope, id);
        this.logGroup = LogGroup.Builder.create(this, "LogGroup")
                .logGroupName(logGroupName)
                .encryptionKey(key)
                .retention(RetentionDays.ONE_MONTH)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
    }

    public LogGroup logGroup() {
        return logGroup;
    }
}
