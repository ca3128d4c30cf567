package com.nightshift.infra.config;

/**
 * Task size and task counts of one service. Immutable; {@link EnvironmentConfigLoader} checks that
 * cpu/memory is a Fargate combination and that {@code minCount <= desiredCount <= maxCount}.
 */
public record ServiceSizing(int cpu, int memoryMiB, int desiredCount, int minCount, int maxCount) {

    public static final int DEFAULT_DESIRED_COUNT = 2;
    public static final int DEFAULT_MIN_COUNT = 2;
    public static final int DEFAULT_MAX_COUNT = 10;

    /**
     * The size a service gets when its configuration leaves a field out: 1 vCPU and 2 GiB, except the
     * Monte Carlo risk service, which gets 2 vCPU and 4 GiB; two tasks, scaling up to ten.
     */
    public static ServiceSizing defaults(Workload workload) {
        return workload == Workload.RISK
                ? new ServiceSizing(2048, 4096, DEFAULT_DESIRED_COUNT, DEFAULT_MIN_COUNT, DEFAULT_MAX_COUNT)
                : new ServiceSizing(1024, 2048, DEFAULT_DESIRED_COUNT, DEFAULT_MIN_COUNT, DEFAULT_MAX_COUNT);
    }
}
