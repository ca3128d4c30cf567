package com.nightshift.infra.constructs;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/** A CloudWatch log group encrypted with the workload key and kept for 30 days. */
public final class EncryptedLogGroup extends Construct {

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
