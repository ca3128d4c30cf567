package com.nightshift.infra.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FargateSizesTest {

    @ParameterizedTest(name = "cpu {0}: {1} to {2} MiB in {3} steps")
    @CsvSource({
            "256,   512,    2048,   3",
            "512,   1024,   4096,   4",
            "1024,  2048,   8192,   7",
            "2048,  4096,   16384,  13",
            "4096,  8192,   30720,  23",
            "8192,  16384,  61440,  12",
            "16384, 32768,  122880, 12",
    })
    void test_memoryChoicesMiB_followTheFargateTable(int cpu, int lowest, int highest, int choices) {
        List<Integer> memory = FargateSizes.memoryChoicesMiB(cpu);

        assertThat(memory).hasSize(choices).startsWith(lowest).endsWith(highest).isSorted();
    }

    @ParameterizedTest
    @CsvSource({"128", "300", "32768"})
    void test_memoryChoicesMiB_noneForACpuFargateDoesNotOffer(int cpu) {
        assertThat(FargateSizes.memoryChoicesMiB(cpu)).isEmpty();
    }
}
