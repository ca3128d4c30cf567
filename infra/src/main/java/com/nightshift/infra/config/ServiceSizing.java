package com.nightshift.infra.config;

/**
 * Task size and task counts of one service. Immutable; {@link EnvironmentConfigLoader} checks that
 * cpu/memory is a Fargate combination and that {@code minCount <= desiredCount <= maxCount}.
 */
public record ServiceSizing(int cpu, int memoryMiB, int desiredCount, int minCount, int maxCount) {
}
