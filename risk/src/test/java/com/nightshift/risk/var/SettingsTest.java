package com.nightshift.risk.var;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void defaults_areTheNightsSettings() {
        VarSettings d = VarSettings.DEFAULTS;
        assertThat(d.scenarios()).isEqualTo(100_000);
        assertThat(d.seed()).isEqualTo(20261120L);
        assertThat(d.method()).isEqualTo(SamplingMethod.PLAIN);
        assertThat(d.returns()).isEqualTo(ReturnModel.LOGNORMAL);
        assertThat(d.revaluation()).isEqualTo(Revaluation.INTERPOLATED);
        assertThat(d.horizonYears()).isEqualTo(1.0 / 252);
    }

    @Test
    void settingsOutOfRange_areRefusedNamingTheValue() {
        VarSettings d = VarSettings.DEFAULTS;
        assertThatThrownBy(() -> d.withScenarios(1)).hasMessageContaining("scenario count 1");
        assertThatThrownBy(() -> d.withShardScenarios(0)).hasMessageContaining("shard size 0");
        assertThatThrownBy(() -> new VarSettings(100, 1L, SamplingMethod.PLAIN, 0, ReturnModel.NORMAL,
                Revaluation.EXACT, 2, 0.94, 10, 0.0)).hasMessageContaining("horizon of 0 days");
        assertThatThrownBy(() -> new VarSettings(100, 1L, SamplingMethod.PLAIN, 1, ReturnModel.NORMAL,
                Revaluation.EXACT, 51, 0.94, 10, 0.0)).hasMessageContaining("51 replications");
        assertThatThrownBy(() -> new VarSettings(100, 1L, SamplingMethod.PLAIN, 1, ReturnModel.NORMAL,
                Revaluation.EXACT, 2, 1.0, 10, 0.0)).hasMessageContaining("EWMA lambda 1.0");
    }

    @Test
    void aHistoryRateThatIsNoNumber_isRefused() {
        assertThatThrownBy(() -> VarSettings.DEFAULTS.withHistoryRate(Double.NaN)).hasMessageContaining("rate NaN");
        assertThat(VarSettings.DEFAULTS.withHistoryRate(0.03).historyRate()).isEqualTo(0.03);
    }

    @Test
    void fewerScenarios_clampTheReplicationsToHalfOfThem() {
        assertThat(VarSettings.DEFAULTS.withScenarios(10).replications()).isEqualTo(5);
    }

    @Test
    void choicesAreReadByTheirIdsInAnyCase_andAnUnknownOneNamesTheAcceptedOnes() {
        assertThat(SamplingMethod.of(" Sobol ")).isEqualTo(SamplingMethod.SOBOL);
        assertThat(ReturnModel.of("NORMAL")).isEqualTo(ReturnModel.NORMAL);
        assertThat(Revaluation.of("Exact")).isEqualTo(Revaluation.EXACT);
        assertThat(SamplingMethod.IMPORTANCE.toString()).isEqualTo("importance");
        assertThat(ReturnModel.LOGNORMAL.toString()).isEqualTo("lognormal");
        assertThat(Revaluation.INTERPOLATED.toString()).isEqualTo("interpolated");
        assertThatThrownBy(() -> SamplingMethod.of("quasi")).hasMessageContaining("[plain, antithetic, sobol, importance]");
        assertThatThrownBy(() -> ReturnModel.of("t"))
                .hasMessageContaining("unknown return model 't'; expected one of [lognormal, normal]");
        assertThatThrownBy(() -> Revaluation.of("grid"))
                .hasMessageContaining("unknown revaluation 'grid'; expected one of [exact, interpolated]");
    }

    @Test
    void aRunIsSplitIntoEvenContiguousShards() {
        assertThat(ScenarioShard.split(10, 4)).containsExactly(new ScenarioShard(0, 3), new ScenarioShard(3, 6),
                new ScenarioShard(6, 10));
        assertThat(ScenarioShard.split(8, 8)).containsExactly(new ScenarioShard(0, 8));
        assertThat(new ScenarioShard(3, 6).size()).isEqualTo(3);
        assertThatThrownBy(() -> ScenarioShard.split(0, 4)).hasMessageContaining("cannot split");
        assertThatThrownBy(() -> new ScenarioShard(5, 5)).hasMessageContaining("empty");
    }
}
