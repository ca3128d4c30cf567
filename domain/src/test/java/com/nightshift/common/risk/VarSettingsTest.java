package com.nightshift.common.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VarSettingsTest {

    @Test
    void test_defaults_areTheNightsSettings() {
        assertThat(VarSettings.DEFAULTS).isEqualTo(new VarSettings(10_000, 0.99, 1, 20261120L, 365));
    }

    @Test
    void test_constructor_rejectsValuesOutOfRange() {
        assertThatThrownBy(() -> new VarSettings(0, 0.99, 1, 1L, 365)).hasMessageContaining("scenario count 0");
        assertThatThrownBy(() -> new VarSettings(1, 1.0, 1, 1L, 365)).hasMessageContaining("confidence 1.0");
        assertThatThrownBy(() -> new VarSettings(1, 0.99, 0, 1L, 365)).hasMessageContaining("horizon of 0");
        assertThatThrownBy(() -> new VarSettings(1, 0.99, 1, 1L, 0)).hasMessageContaining("look-back of 0");
    }
}
