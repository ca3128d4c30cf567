package com.nightshift.deploy;

import java.util.Arrays;
import java.util.Optional;

/**
 * The rated severities of an image scan finding, lowest first: the order {@link #isAtLeast} compares
 * by. ECR's basic scanning also reports {@code UNDEFINED} and Amazon Inspector {@code UNTRIAGED} for a
 * vulnerability its source has not rated yet; those are not severities here ({@link #of} is empty for
 * them), see {@link ImageScanGate} for what the deployment does with them.
 */
public enum ScanSeverity {
    INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL;

    /** The threshold when {@code imageScan.failOnSeverity} is not configured. */
    public static final ScanSeverity DEFAULT_THRESHOLD = CRITICAL;

    public boolean isAtLeast(ScanSeverity threshold) {
        return compareTo(threshold) >= 0;
    }

    /** The severity named {@code name} exactly; empty for UNDEFINED, UNTRIAGED, a missing or any other value. */
    public static Optional<ScanSeverity> of(String name) {
        return Arrays.stream(values()).filter(s -> s.name().equals(name)).findFirst();
    }
}
