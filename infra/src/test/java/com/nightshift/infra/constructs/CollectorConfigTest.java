package com.nightshift.infra.constructs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CollectorConfigTest {

    @Test
    void test_yaml_sendsMetricsToTheGivenLogGroupAndNamespace() {
        String yaml = new CollectorConfig("log-risk-calculation-metrics-dev", "Nightshift/dev").yaml();

        assertThat(yaml).contains("log_group_name: log-risk-calculation-metrics-dev")
                .contains("namespace: Nightshift/dev")
                .doesNotContain("/aws/ecs/application/metrics");
    }

    @Test
    void test_yaml_receivesOtlpOnLoopbackOnly() {
        String yaml = new CollectorConfig("log-x-metrics-dev", "Nightshift/dev").yaml();

        assertThat(yaml).contains("endpoint: 127.0.0.1:4317").contains("endpoint: 127.0.0.1:4318")
                .doesNotContain("0.0.0.0");
    }

    @Test
    void test_new_withoutLogGroup_isRefused() {
        assertThatThrownBy(() -> new CollectorConfig(" ", "Nightshift/dev"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metrics log group");
    }
}
