package com.nightshift.infra.config;

import java.util.Arrays;

/**
 * How a new version of reporting-service, the one service behind the load balancer, replaces the old.
 * {@link #ROLLING}: tasks are replaced in place, and the deployment circuit breaker rolls back a
 * version whose tasks do not become healthy. {@link #BLUE_GREEN}: ECS starts the new version beside
 * the old one in a second target group and shifts traffic to it in steps, keeping the old version
 * until a bake time has passed (ECS native deployment, no CodeDeploy).
 */
public enum ReportingDeployment {
    ROLLING("rolling"),
    BLUE_GREEN("blue-green");

    private final String configValue;

    ReportingDeployment(String configValue) {
        this.configValue = configValue;
    }

    /** The value of the configuration field {@code reportingDeployment}. */
    public String configValue() {
        return configValue;
    }

    static ReportingDeployment ofConfigValue(String value) {
        return Arrays.stream(values()).filter(d -> d.configValue.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown deployment '" + value + "'"));
    }
}
