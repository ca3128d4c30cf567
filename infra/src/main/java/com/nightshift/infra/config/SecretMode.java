package com.nightshift.infra.config;

/**
 * Whether the workload stack creates the application secret or takes the ARN of an existing one
 * through the {@code AppSecretArn} parameter.
 */
public enum SecretMode {
    CREATE,
    IMPORT
}
