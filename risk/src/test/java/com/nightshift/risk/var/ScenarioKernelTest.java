package com.nightshift.risk.var;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.nightshift.risk.book.OptionType;
import com.nightshift.risk.book.PositionType;
import com.nightshift.risk.book.RiskPosition;
import com.nightshift.risk.market.MarketSnapshot;
import com.nightshift.risk.market.RiskFactor;

/**
 * The kernel's blocked arithmetic against the model written out plainly on the same draws: eleven
 * factors, so that the correlation runs through full four-by-four blocks, partial column blocks and
 * rows left over after the last block of four.
 */
class ScenarioKernelTest {

    private static final int FACTORS = 11;
    private static final int SCENARIOS = 600;

    /** Eleven factors with vols from 10% to 30% and correlation 0.3^|i-j|. */
    private static MarketSnapshot market() {
        List<RiskFactor> factors = new ArrayList<>();
        double[][] correlation = new double[FACTORS][FACTORS];
        for (int i = 0; i < FACTORS; i++) {
            factors.add(new RiskFactor("F" + i, 10.0 + i, 0.10 + 0.02 * i, 0.01));
            for (int j = 0; j < FACTORS; j++) {
                correlation[i][j] = Math.pow(0.3, Math.abs(i - j));
            }
        }
        return new MarketSnapshot(factors, correlation);
    }

    private static List<RiskPosition> linearBook() {
        List<RiskPosition> positions = new ArrayList<>();
        for (int f = 0; f < FACTORS; f++) {
            positions.add(RiskPosition.linear("E" + f, "ALPHA", PositionType.EQUITY, (f % 3 == 0 ? -1 : 1) * (100.0 + f), "F" + f));
        }
        return positions;
    }

    /** The correlated moves of scenarios {@code [0, SCENARIOS)}: {@code x = L z} summed in column order. */
    private static double[][] moves(BookModel model, VarSettings settings) {
        ScenarioSampler sampler = new ScenarioSampler(settings.method(), settings.seed(), FACTORS, SCENARIOS,
                settings.replications(), new double[FACTORS]);
        double[] z = new double[FACTORS * SCENARIOS];
        sampler.fill(0, SCENARIOS, z, SCENARIOS, new double[SCENARIOS]);
        double[][] x = new double[SCENARIOS][FACTORS];
        for (int s = 0; s < SCENARIOS; s++) {
            for (int f = 0; f < FACTORS; f++) {
                double sum = 0.0;
                for (int d = 0; d <= f; d++) {
                    sum += model.lower[f * FACTORS + d] * z[d * SCENARIOS + s];
                }
                x[s][f] = sum;
            }
        }
        return x;
    }

    private static double[][] simulate(BookModel model, VarSettings settings) {
        double[][] losses = new double[model.portfolios.length + 1][SCENARIOS];
        new ScenarioKernel(model, new ScenarioSampler(settings.method(), settings.seed(), FACTORS, SCENARIOS,
                settings.replications(), new double[FACTORS])).simulate(0, SCENARIOS, losses, null, 0);
        return losses;
    }

    @Test
    void aLinearBookUnderNormalReturns_losesExactlyMinusTheValueTimesTheCorrelatedMoves() {
        VarSettings settings = VarSettings.DEFAULTS.withScenarios(SCENARIOS).withSeed(7L)
                .withReturns(ReturnModel.NORMAL).withRevaluation(Revaluation.EXACT);
        BookModel model = Books.model(linearBook(), market(), settings);

        double[][] x = moves(model, settings);
        double[] losses = simulate(model, settings)[0];
        for (int s = 0; s < SCENARIOS; s++) {
            double pnl = 0.0;
            for (int f = 0; f < FACTORS; f++) {
                pnl += model.linearValue[f] * x[s][f];
            }
            assertThat(losses[s]).as("scenario %d", s).isEqualTo(0.0 - pnl);
        }
    }

    @Test
    void linearHoldingsCarriedOnAnOptionGrid_loseWhatTheirExactRevaluationLoses() {
        List<RiskPosition> book = new ArrayList<>(linearBook());
        for (int f = 0; f < FACTORS; f += 2) {
            book.add(RiskPosition.option("O" + f, "ALPHA", 10, "F" + f, 10.0 + f, 0.5, OptionType.CALL));
        }
        book.add(RiskPosition.linear("B1", "BETA", PositionType.FX, 500, "F4"));
        VarSettings exact = VarSettings.DEFAULTS.withScenarios(SCENARIOS).withSeed(11L).withRevaluation(Revaluation.EXACT);
        VarSettings interpolated = exact.withRevaluation(Revaluation.INTERPOLATED);

        double[][] byFormula = simulate(Books.model(book, market(), exact), exact);
        double[][] byGrid = simulate(Books.model(book, market(), interpolated), interpolated);
        for (int p = 0; p < byFormula.length; p++) {
            for (int s = 0; s < SCENARIOS; s++) {
                assertThat(byGrid[p][s]).as("loss %d of scenario %d", p, s)
                        .isCloseTo(byFormula[p][s], within(1e-9 * (1.0 + Math.abs(byFormula[p][s]))));
            }
        }
    }
}
