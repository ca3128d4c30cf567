package com.nightshift.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StartupBenchmarkTest {

    @Test
    void the_summary_gives_each_service_its_min_median_and_max_and_Micronauts_median() {
        Map<String, List<StartupBenchmark.Startup>> runs = new LinkedHashMap<>();
        runs.put("risk-calculation", List.of(startup(1900, 1200), startup(1500, 1000), startup(2400, 1700)));

        String summary = StartupBenchmark.summary(runs);

        assertThat(summary.lines().skip(1).findFirst().orElseThrow().trim().split("\\s+"))
                .containsExactly("risk-calculation", "1500", "1900", "2400", "1200");
    }

    @Test
    void the_median_of_an_even_count_is_the_lower_middle_value() {
        assertThat(StartupBenchmark.median(new long[] {1, 2, 3, 4})).isEqualTo(2);
        assertThat(StartupBenchmark.median(new long[] {7})).isEqualTo(7);
    }

    private static StartupBenchmark.Startup startup(long millis, long reported) {
        return new StartupBenchmark.Startup(Duration.ofMillis(millis), reported);
    }
}
