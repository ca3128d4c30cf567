package com.nightshift.infra.config;

import java.util.Arrays;
import java.util.List;

/**
 * The severities of an ECR image scan finding, lowest first. A deployment refuses to roll out an
 * image with a finding at or above the environment's {@code imageScan.failOnSeverity}.
 */
public enum ScanSeverity {
    INFORMATIONAL,
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    /** The names a configuration may use, in order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }
}
