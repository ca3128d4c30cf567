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
        return moves(model, settings, new double[FACTORS]);
    }

    private static double[][] moves(BookModel model, VarSettings settings, double[] shift) {
        ScenarioSampler sampler = new ScenarioSampler(settings.method(), settings.seed(), FACTORS, SCENARIOS,
                settings.replications(), shift);
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
        return simulate(model, settings, new double[FACTORS]);
    }

    /** The losses when the draws {@code z} are shifted by {@code shift} (importance sampling's sampler). */
    private static double[][] simulate(BookModel model, VarSettings settings, double[] shift) {
        double[][] losses = new double[model.portfolios.length + 1][SCENARIOS];
        new ScenarioKernel(model, new ScenarioSampler(settings.method(), settings.seed(), FACTORS, SCENARIOS,
                settings.replications(), shift)).simulate(0, SCENARIOS, losses, null, 0);
        return losses;
    }

    private static void assertSameLosses(double[][] byGrid, double[][] byFormula) {
        for (int p = 0; p < byFormula.length; p++) {
            for (int s = 0; s < SCENARIOS; s++) {
                assertThat(byGrid[p][s]).as("loss %d of scenario %d", p, s)
                        .isCloseTo(byFormula[p][s], within(1e-9 * (1.0 + Math.abs(byFormula[p][s]))));
            }
        }
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
        assertSameLosses(byGrid, byFormula);
    }

    @Test
    void everyPortfolioOfAWidelyHeldFactor_andScenariosBeyondItsGrid_loseWhatTheirExactRevaluationLoses() {
        // Seven portfolios on F0 and F1, ALPHA and six more (the grid is read four, two and one at a time); the draws
        // of F0 are shifted by ten standard deviations, so most of its moves fall beyond its ±9 sd grid.
        List<RiskPosition> book = new ArrayList<>(linearBook());
        for (int p = 0; p < 6; p++) {
            for (int f = 0; f < 2; f++) {
                book.add(RiskPosition.option("O" + p + "-" + f, "P" + p, 10 + p, "F" + f, 9.0 + p * 0.4 + f, 0.25 + 0.1 * p,
                        p % 2 == 0 ? OptionType.CALL : OptionType.PUT));
                if (p % 3 != 1) {
                    book.add(RiskPosition.linear("E" + p + "-" + f, "P" + p, PositionType.EQUITY, 50.0 - 20 * p, "F" + f));
                }
            }
        }
        VarSettings exact = VarSettings.DEFAULTS.withScenarios(SCENARIOS).withSeed(13L)
                .withMethod(SamplingMethod.IMPORTANCE).withRevaluation(Revaluation.EXACT);
        VarSettings interpolated = exact.withRevaluation(Revaluation.INTERPOLATED);
        double[] shift = new double[FACTORS];
        shift[0] = 10.0;
        BookModel gridModel = Books.model(book, market(), interpolated);
        assertThat(gridModel.gridPortfolio[0]).hasSize(7);
        assertThat(gridModel.gridPortfolio[1]).hasSize(7);

        double[][] byFormula = simulate(Books.model(book, market(), exact), exact, shift);
        double[][] byGrid = simulate(gridModel, interpolated, shift);
        assertSameLosses(byGrid, byFormula);
        double[][] x = moves(gridModel, interpolated, shift);
        long beyond = java.util.Arrays.stream(x).filter(move -> move[0] > BookModel.GRID_SDS * gridModel.dailySd[0]).count();
        assertThat(beyond).isBetween(SCENARIOS / 2L, SCENARIOS - 1L);
    }
}
