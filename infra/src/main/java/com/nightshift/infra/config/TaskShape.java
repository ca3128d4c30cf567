package com.nightshift.infra.config;

/**
 * How a task's cpu and memory are split between the service and the ADOT collector sidecar. The two
 * containers' reservations add up to the task size exactly, so nothing is oversubscribed.
 */
public final class TaskShape {

    public static final int COLLECTOR_CPU = 64;
    public static final int COLLECTOR_MEMORY_MIB = 256;
    public static final int MIN_APP_MEMORY_MIB = 512;

    private TaskShape() {
    }

    public static int appCpu(ServiceSizing sizing) {
        return sizing.cpu() - COLLECTOR_CPU;
    }

    public static int appMemoryMiB(ServiceSizing sizing) {
        return sizing.memoryMiB() - COLLECTOR_MEMORY_MIB;
    }
}
