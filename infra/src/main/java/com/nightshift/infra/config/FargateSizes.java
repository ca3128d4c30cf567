package com.nightshift.infra.config;

import java.util.List;
import java.util.stream.IntStream;

/** The cpu/memory combinations Fargate accepts for a task (Linux, platform 1.4.0). */
final class FargateSizes {

    private FargateSizes() {
    }

    /** Memory sizes in MiB allowed for {@code cpu} units; empty when {@code cpu} is not a Fargate value. */
    static List<Integer> memoryChoicesMiB(int cpu) {
        return switch (cpu) {
            case 256 -> List.of(512, 1024, 2048);
            case 512 -> gibRange(1, 4, 1);
            case 1024 -> gibRange(2, 8, 1);
            case 2048 -> gibRange(4, 16, 1);
            case 4096 -> gibRange(8, 30, 1);
            case 8192 -> gibRange(16, 60, 4);
            case 16384 -> gibRange(32, 120, 8);
            default -> List.of();
        };
    }

    private static List<Integer> gibRange(int fromGib, int toGib, int stepGib) {
        return IntStream.iterate(fromGib, g -> g <= toGib, g -> g + stepGib).map(g -> g * 1024).boxed().toList();
    }
}
