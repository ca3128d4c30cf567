package com.nightshift.infra.config;

/**
 * Whether the workload stack creates the data, staging and output buckets, or takes the names of
 * existing ones through the stack parameters {@code ExistingDataBucketName},
 * {@code ExistingStagingBucketName} and {@code ExistingOutputBucketName}.
 */
public enum BucketMode {
    CREATE,
    IMPORT
}
