package com.nightshift.risk.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.nightshift.risk.book.RiskInputException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class EwmaEstimatorTest {

    /** Two factors, four closes each: three returns, every pair of same-signed returns. */
    private static final String TWO_FACTORS = """
            date,factor,close
            2024-01-02,A,100
            2024-01-03,A,102
            2024-01-04,A,99
            2024-01-05,A,101
            2024-01-02,B,50
            2024-01-03,B,51
            2024-01-04,B,50.5
            2024-01-05,B,52
            """;

    private static PriceHistory history(String csv) {
        return PriceHistory.read("prices.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertRelative(double actual, double expected) {
        assertThat(actual).isCloseTo(expected, within(1e-15 * Math.abs(expected)));
    }

    @Test
    void test_estimate_matchesTheEwmaFormulaWrittenOutByHand() {
        double rA1 = Math.log(102.0 / 100.0);
        double rA2 = Math.log(99.0 / 102.0);
        double rA3 = Math.log(101.0 / 99.0);
        double rB1 = Math.log(51.0 / 50.0);
        double rB2 = Math.log(50.5 / 51.0);
        double rB3 = Math.log(52.0 / 50.5);
        double lambda = 0.94;
        double norm = 1 - lambda * lambda * lambda;
        double w0 = (1 - lambda) / norm;
        double w1 = (1 - lambda) * lambda / norm;
        double w2 = (1 - lambda) * lambda * lambda / norm;
        double covAA = w0 * rA3 * rA3 + w1 * rA2 * rA2 + w2 * rA1 * rA1;
        double covBB = w0 * rB3 * rB3 + w1 * rB2 * rB2 + w2 * rB1 * rB1;
        double covAB = w0 * rA3 * rB3 + w1 * rA2 * rB2 + w2 * rA1 * rB1;

        MarketSnapshot snapshot = new EwmaEstimator().estimate(history(TWO_FACTORS), 0.03);

        assertThat(snapshot.names()).containsExactly("A", "B");
        assertRelative(snapshot.factors().get(0).vol(), Math.sqrt(252 * covAA));
        assertRelative(snapshot.factors().get(1).vol(), Math.sqrt(252 * covBB));
        assertRelative(snapshot.correlation()[0][1], covAB / Math.sqrt(covAA * covBB));
        assertThat(snapshot.correlation()[1][0]).isEqualTo(snapshot.correlation()[0][1]);
        assertThat(snapshot.factors().get(0).spot()).isEqualTo(101.0);
        assertThat(snapshot.factors().get(1).spot()).isEqualTo(52.0);
        assertThat(snapshot.factors().get(0).rate()).isEqualTo(0.03);
    }

    @Test
    void test_covariance_matchesTheFormulaWrittenOutByHand() {
        // Cross products of one sign, so the 1e-15 relative bound is not eaten by cancellation.
        double[][] returns = {{0.01, 0.02}, {-0.03, -0.01}, {0.02, 0.02}};
        double lambda = 0.9;
        double norm = 1 - lambda * lambda * lambda;
        double w0 = (1 - lambda) / norm;
        double w1 = (1 - lambda) * lambda / norm;
        double w2 = (1 - lambda) * lambda * lambda / norm;

        double[][] covariance = new EwmaEstimator(lambda).covariance(returns);

        assertRelative(covariance[0][0], w0 * 0.02 * 0.02 + w1 * -0.03 * -0.03 + w2 * 0.01 * 0.01);
        assertRelative(covariance[1][1], w0 * 0.02 * 0.02 + w1 * -0.01 * -0.01 + w2 * 0.02 * 0.02);
        assertRelative(covariance[0][1], w0 * 0.02 * 0.02 + w1 * -0.03 * -0.01 + w2 * 0.01 * 0.02);
        assertThat(covariance[1][0]).isEqualTo(covariance[0][1]);
    }

    @Test
    void test_estimate_lambdaIsConfigurable() {
        double rA1 = Math.log(102.0 / 100.0);
        double rA2 = Math.log(99.0 / 102.0);
        double rA3 = Math.log(101.0 / 99.0);
        double lambda = 0.5;
        double norm = 1 - lambda * lambda * lambda;
        double covAA = (1 - lambda) / norm * rA3 * rA3 + (1 - lambda) * lambda / norm * rA2 * rA2
                + (1 - lambda) * lambda * lambda / norm * rA1 * rA1;

        EwmaEstimator estimator = new EwmaEstimator(0.5);
        MarketSnapshot snapshot = estimator.estimate(history(TWO_FACTORS));

        assertThat(estimator.lambda()).isEqualTo(0.5);
        assertRelative(snapshot.factors().get(0).vol(), Math.sqrt(252 * covAA));
        assertThat(snapshot.factors().get(0).rate()).isZero();
    }

    @Test
    void test_estimate_closesAfterTheAsOfDateAreIgnored() {
        MarketSnapshot upToFourth = new EwmaEstimator().estimate(history(TWO_FACTORS), LocalDate.of(2024, 1, 4), 0.0);
        MarketSnapshot threeCloses = new EwmaEstimator().estimate(history("""
                date,factor,close
                2024-01-02,A,100
                2024-01-03,A,102
                2024-01-04,A,99
                2024-01-02,B,50
                2024-01-03,B,51
                2024-01-04,B,50.5
                """), 0.0);

        assertThat(upToFourth.factors()).isEqualTo(threeCloses.factors());
        assertThat(upToFourth.factors().get(0).spot()).isEqualTo(99.0);
        assertThat(upToFourth.correlation()).isDeepEqualTo(threeCloses.correlation());
    }

    @Test
    void test_estimate_aDateOneFactorLacksIsSkippedForAll() {
        MarketSnapshot withGap = new EwmaEstimator().estimate(history("""
                date,factor,close
                2024-01-02,A,100
                2024-01-03,A,102
                2024-01-04,A,99
                2024-01-05,A,101
                2024-01-02,B,50
                2024-01-04,B,50.5
                2024-01-05,B,52
                """), 0.0);
        MarketSnapshot withoutDate = new EwmaEstimator().estimate(history("""
                date,factor,close
                2024-01-02,A,100
                2024-01-04,A,99
                2024-01-05,A,101
                2024-01-02,B,50
                2024-01-04,B,50.5
                2024-01-05,B,52
                """), 0.0);

        assertThat(withGap.factors()).isEqualTo(withoutDate.factors());
        assertThat(withGap.correlation()).isDeepEqualTo(withoutDate.correlation());
    }

    @Test
    void test_estimate_spotIsTheFactorsOwnLastCloseEvenOnADateOthersLack() {
        MarketSnapshot snapshot = new EwmaEstimator().estimate(history(TWO_FACTORS + "2024-01-08,A,105\n"), 0.0);

        assertThat(snapshot.factors().get(0).spot()).isEqualTo(105.0);
        assertThat(snapshot.factors().get(1).spot()).isEqualTo(52.0);
    }

    @Test
    void test_estimate_stalePricesNameTheFactorItsLastDateAndLine() {
        assertThatThrownBy(() -> new EwmaEstimator().estimate(history(TWO_FACTORS + "2024-01-11,A,105\n"), 0.0))
                .isInstanceOf(RiskInputException.class)
                .hasMessage("prices.csv, line 9: stale prices: factor B last closed on 2024-01-05, more than 5 days"
                        + " before the as-of date 2024-01-11");
    }

    @Test
    void test_estimate_fiveDaysOldIsNotStale() {
        MarketSnapshot snapshot = new EwmaEstimator().estimate(history(TWO_FACTORS), LocalDate.of(2024, 1, 10), 0.0);

        assertThat(snapshot.factors().get(1).spot()).isEqualTo(52.0);
    }

    @Test
    void test_estimate_fewerThanTwoReturnsNamesTheFactor() {
        assertThatThrownBy(() -> new EwmaEstimator().estimate(history("""
                date,factor,close
                2024-01-02,A,100
                2024-01-03,A,102
                2024-01-04,A,99
                2024-01-03,B,50
                2024-01-04,B,51
                """)))
                .hasMessage("prices.csv: factor B has 1 daily return on dates all factors share up to 2024-01-04;"
                        + " at least 2 are needed");
    }

    @Test
    void test_estimate_aSingleCloseGivesNoReturns() {
        assertThatThrownBy(() -> new EwmaEstimator().estimate(history("date,factor,close\n2024-01-02,A,100\n")))
                .hasMessage("prices.csv: factor A has 0 daily returns on dates all factors share up to 2024-01-02;"
                        + " at least 2 are needed");
    }

    @Test
    void test_estimate_noCloseOnOrBeforeTheAsOfDateIsAnError() {
        assertThatThrownBy(() -> new EwmaEstimator().estimate(history(TWO_FACTORS), LocalDate.of(2023, 12, 31), 0.0))
                .hasMessage("prices.csv: factor A has no close on or before the as-of date 2023-12-31");
    }

    @Test
    void test_estimate_anEmptyHistoryIsAnError() {
        assertThatThrownBy(() -> new EwmaEstimator().estimate(history("date,factor,close\n")))
                .hasMessage("prices.csv: no prices after the header");
        assertThatThrownBy(() -> new EwmaEstimator().estimate(history("date,factor,close\n"), LocalDate.of(2024, 1, 2), 0))
                .hasMessage("prices.csv: no prices after the header");
    }

    @Test
    void test_estimate_aFactorThatNeverMovesHasZeroVolAndZeroCorrelation() {
        MarketSnapshot snapshot = new EwmaEstimator().estimate(history(TWO_FACTORS + """
                2024-01-02,C,10
                2024-01-03,C,10
                2024-01-04,C,10
                2024-01-05,C,10
                """));

        assertThat(snapshot.factors().get(2).vol()).isZero();
        assertThat(snapshot.correlation()[2]).containsExactly(0.0, 0.0, 1.0);
        assertThat(snapshot.correlation()[0][2]).isZero();
    }

    @Test
    void test_estimate_staleFromCodeHasNoLineToName() {
        LocalDate day = LocalDate.of(2024, 1, 2);
        PriceHistory history = PriceHistory.of("feed", java.util.List.of(PriceRow.of(day, "A", 1)));

        assertThatThrownBy(() -> new EwmaEstimator().estimate(history, day.plusDays(6), 0.0))
                .hasMessageStartingWith("feed, line 2: stale prices: factor A");
    }

    @Test
    void test_constructor_refusesLambdaOutsideZeroOne() {
        assertThatThrownBy(() -> new EwmaEstimator(1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EwmaEstimator(0.0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void test_estimate_refusesANonFiniteRate() {
        assertThatThrownBy(() -> new EwmaEstimator().estimate(history(TWO_FACTORS), Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void test_covariance_refusesNoReturns() {
        assertThatThrownBy(() -> new EwmaEstimator().covariance(new double[0][]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
