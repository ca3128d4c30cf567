package com.nightshift.common.metrics;

/**
 * The CloudWatch units the business metrics use, spelled as CloudWatch spells them (the {@code Unit} of a
 * metric definition in the Embedded Metric Format must be one of CloudWatch's unit names).
 */
public enum MetricUnit {
    COUNT("Count"),
    SECONDS("Seconds"),
    MILLISECONDS("Milliseconds"),
    NONE("None");

    private final String cloudWatchName;

    MetricUnit(String cloudWatchName) {
        this.cloudWatchName = cloudWatchName;
    }

    /** The unit's name in CloudWatch, e.g. {@code Milliseconds}. */
    public String cloudWatchName() {
        return cloudWatchName;
    }
}
