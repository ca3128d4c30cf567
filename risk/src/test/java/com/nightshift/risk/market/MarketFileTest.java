package com.nightshift.risk.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.nightshift.common.csv.ReadResult;
import com.nightshift.risk.book.RiskInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarketFileTest {

    private static final String MARKET = """
            factor,spot,vol,rate
            AAPL,190.5,0.25,0.04
            MSFT,410,0.22,0.04
            EURUSD,1.08,0.07,-0.005
            """;

    private static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static MarketFile load(String market, String corr, boolean repair) {
        return MarketFile.load("market.csv", text(market), "corr.csv", text(corr), repair);
    }

    @Test
    void test_load_readsFactorsInMarketOrderWithTheirCorrelations() {
        MarketFile file = load(MARKET, """
                AAPL,MSFT,EURUSD
                1,0.6,0.1
                0.6,1,-0.2
                0.1,-0.2,1
                """, false);

        MarketSnapshot snapshot = file.snapshot();
        assertThat(snapshot.factors()).containsExactly(new RiskFactor("AAPL", 190.5, 0.25, 0.04),
                new RiskFactor("MSFT", 410, 0.22, 0.04), new RiskFactor("EURUSD", 1.08, 0.07, -0.005));
        assertThat(snapshot.correlation()).isDeepEqualTo(new double[][] {{1, 0.6, 0.1}, {0.6, 1, -0.2}, {0.1, -0.2, 1}});
        assertThat(file.correlationRepaired()).isFalse();
        assertThat(file.correlationChange()).isZero();
    }

    @Test
    void test_load_corrColumnsInAnotherOrderAreMappedByName() {
        MarketSnapshot inMarketOrder = load(MARKET, """
                AAPL,MSFT,EURUSD
                1,0.6,0.1
                0.6,1,-0.2
                0.1,-0.2,1
                """, false).snapshot();

        MarketSnapshot shuffled = load(MARKET, """
                EURUSD,AAPL,MSFT
                1,0.1,-0.2
                0.1,1,0.6
                -0.2,0.6,1
                """, false).snapshot();

        assertThat(shuffled.names()).containsExactly("AAPL", "MSFT", "EURUSD");
        assertThat(shuffled.correlation()).isDeepEqualTo(inMarketOrder.correlation());
    }

    @Test
    void test_load_notPositiveDefiniteIsRefusedWithTheSmallestEigenvalue() {
        assertThatThrownBy(() -> load(MARKET, """
                AAPL,MSFT,EURUSD
                1,1,0
                1,1,1
                0,1,1
                """, false))
                .isInstanceOf(RiskInputException.class)
                .hasMessageStartingWith("corr.csv: correlation matrix is not positive definite (smallest eigenvalue -0.41421356")
                .hasMessageEndingWith(")");
    }

    @Test
    void test_load_semiDefiniteSingularMatrixIsRefused() {
        assertThatThrownBy(() -> load(MARKET, """
                AAPL,MSFT,EURUSD
                1,1,0
                1,1,0
                0,0,1
                """, false))
                .hasMessageStartingWith("corr.csv: correlation matrix is not positive definite (smallest eigenvalue ");
    }

    @Test
    void test_load_repairReplacesANonPositiveDefiniteMatrixAndSaysByHowMuch() {
        MarketFile file = load(MARKET, """
                AAPL,MSFT,EURUSD
                1,1,0
                1,1,1
                0,1,1
                """, true);

        double[][] c = file.snapshot().correlation();
        assertThat(file.correlationRepaired()).isTrue();
        assertThat(c[0][1]).isCloseTo(0.7607, within(1e-4));
        assertThat(c[0][2]).isCloseTo(0.1573, within(1e-4));
        assertThat(file.correlationChange()).isCloseTo(NearestCorrelation.maxAbsDifference(
                new double[][] {{1, 1, 0}, {1, 1, 1}, {0, 1, 1}}, c), within(0.0)).isGreaterThan(0.2);
    }

    @Test
    void test_load_repairOfASemiDefiniteSingularMatrixIsReportedWithItsTinyChange() {
        MarketFile file = load(MARKET, """
                AAPL,MSFT,EURUSD
                1,1,0
                1,1,0
                0,0,1
                """, true);

        assertThat(file.correlationRepaired()).isTrue();
        assertThat(file.correlationChange()).isLessThan(1e-9);
        assertThat(file.snapshot().correlation()[0][1]).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void test_load_repairAskedButNotNeededLeavesTheMatrixAlone() {
        MarketFile file = load(MARKET, """
                AAPL,MSFT,EURUSD
                1,0.6,0.1
                0.6,1,-0.2
                0.1,-0.2,1
                """, true);

        assertThat(file.correlationRepaired()).isFalse();
        assertThat(file.snapshot().correlation()[0][1]).isEqualTo(0.6);
    }

    @Test
    void test_load_corrFactorNotInMarketIsNamed() {
        assertThatThrownBy(() -> load(MARKET, "AAPL,MSFT,GBPUSD\n1,0,0\n0,1,0\n0,0,1\n", false))
                .hasMessage("corr.csv, line 1: factor GBPUSD is not in market.csv");
    }

    @Test
    void test_load_marketFactorMissingFromCorrIsNamed() {
        assertThatThrownBy(() -> load(MARKET, "AAPL,MSFT\n1,0\n0,1\n", false))
                .hasMessage("corr.csv, line 1: factor EURUSD of market.csv is missing from the header");
    }

    @Test
    void test_load_factorTwiceInCorrHeaderIsAnError() {
        assertThatThrownBy(() -> load(MARKET, "AAPL,MSFT,AAPL\n1,0,0\n0,1,0\n0,0,1\n", false))
                .hasMessage("corr.csv, line 1: factor AAPL appears twice in the header");
    }

    @Test
    void test_load_rowLabelsAreRefused() {
        assertThatThrownBy(() -> load(MARKET, ",AAPL,MSFT,EURUSD\nAAPL,1,0,0\nMSFT,0,1,0\nEURUSD,0,0,1\n", false))
                .hasMessage("corr.csv, line 1: column 1 of the header has no factor name (corr.csv has no row labels)");
    }

    @Test
    void test_load_rowWithWrongCountIsAnError() {
        assertThatThrownBy(() -> load(MARKET, "AAPL,MSFT,EURUSD\n1,0,0\n0,1\n0,0,1\n", false))
                .hasMessage("corr.csv, line 3: expected 3 correlations (one per header factor, no row label), found 2");
    }

    @Test
    void test_load_missingRowIsAnError() {
        assertThatThrownBy(() -> load(MARKET, "AAPL,MSFT,EURUSD\n1,0,0\n0,1,0\n", false))
                .hasMessage("corr.csv: expected 3 rows of correlations after the header (one per factor, in header order), found 2");
    }

    @Test
    void test_load_nonNumericCorrelationNamesLineAndColumn() {
        assertThatThrownBy(() -> load(MARKET, "AAPL,MSFT,EURUSD\n1,0,0\n0,1,x\n0,0,1\n", false))
                .hasMessage("corr.csv, line 3: row of MSFT: EURUSD 'x' is not a decimal");
    }

    @Test
    void test_load_diagonalNotOneIsAnError() {
        assertThatThrownBy(() -> load(MARKET, "AAPL,MSFT,EURUSD\n1,0,0\n0,0.9,0\n0,0,1\n", false))
                .hasMessage("corr.csv, line 3: correlation of MSFT with itself is 0.9, not 1");
    }

    @Test
    void test_load_entryOutsideMinusOneOneIsAnError() {
        assertThatThrownBy(() -> load(MARKET, "AAPL,MSFT,EURUSD\n1,1.5,0\n1.5,1,0\n0,0,1\n", false))
                .hasMessage("corr.csv, line 2: correlation of AAPL and MSFT is 1.5, outside [-1, 1]");
    }

    @Test
    void test_load_asymmetricMatrixNamesBothLines() {
        assertThatThrownBy(() -> load(MARKET, "AAPL,MSFT,EURUSD\n1,0.5,0\n0.4,1,0\n0,0,1\n", false))
                .hasMessage("corr.csv, line 3: correlation matrix is not symmetric: MSFT/AAPL is 0.4 but AAPL/MSFT on line 2 is 0.5");
    }

    @Test
    void test_load_emptyCorrIsAnError() {
        assertThatThrownBy(() -> load(MARKET, "", false))
                .hasMessage("corr.csv: file is empty; expected a header row of factor names");
    }

    @Test
    void test_load_malformedCorrRowIsAnError() {
        assertThatThrownBy(() -> load(MARKET, "AAPL,MSFT,EURUSD\n1,0,0\n0,1,0\"\n0,0,1\n", false))
                .hasMessage("corr.csv, line 3: quote inside unquoted field 3");
    }

    @Test
    void test_load_wrongMarketHeaderNamesTheExpectedHeader() {
        assertThatThrownBy(() -> load("name,spot,vol\nAAPL,1,0.2\n", "AAPL\n1\n", false))
                .hasMessage("market.csv, line 1: expected header 'factor,spot,vol,rate' on line 1, found 'name,spot,vol'");
    }

    @Test
    void test_load_marketWithoutFactorsIsAnError() {
        assertThatThrownBy(() -> load("factor,spot,vol,rate\n", "AAPL\n1\n", false))
                .hasMessage("market.csv: no factors after the header");
    }

    @Test
    void test_load_nonPositiveSpotIsAnError() {
        assertThatThrownBy(() -> load("factor,spot,vol,rate\nAAPL,0,0.2,0\n", "AAPL\n1\n", false))
                .hasMessage("market.csv, line 2: spot '0' is not greater than 0");
    }

    @Test
    void test_load_negativeVolIsAnError() {
        assertThatThrownBy(() -> load("factor,spot,vol,rate\nAAPL,1,-0.2,0\n", "AAPL\n1\n", false))
                .hasMessage("market.csv, line 2: vol '-0.2' is negative");
    }

    @Test
    void test_load_nonNumericRateIsAnError() {
        assertThatThrownBy(() -> load("factor,spot,vol,rate\nAAPL,1,0.2,4%\n", "AAPL\n1\n", false))
                .hasMessage("market.csv, line 2: rate '4%' is not a decimal");
    }

    @Test
    void test_load_factorTwiceInMarketIsAnError() {
        assertThatThrownBy(() -> load("factor,spot,vol,rate\nAAPL,1,0.2,0\nAAPL,2,0.2,0\n", "AAPL\n1\n", false))
                .hasMessage("market.csv, line 3: duplicate factor AAPL, first seen on line 2");
    }

    @Test
    void test_read_pathsGiveTheSnapshot(@TempDir Path dir) throws IOException {
        Path market = Files.writeString(dir.resolve("market.csv"), "factor,spot,vol,rate\nAAPL,1,0.2,0\nIBM,2,0.3,0\n");
        Path corr = Files.writeString(dir.resolve("corr.csv"), "IBM,AAPL\n1,0.25\n0.25,1\n");

        MarketSnapshot snapshot = MarketFile.read(market, corr);

        assertThat(snapshot.names()).containsExactly("AAPL", "IBM");
        assertThat(snapshot.correlation()[0][1]).isEqualTo(0.25);
    }

    @Test
    void test_read_missingCorrFileIsNamed(@TempDir Path dir) throws IOException {
        Path market = Files.writeString(dir.resolve("market.csv"), "factor,spot,vol,rate\nAAPL,1,0.2,0\n");

        assertThatThrownBy(() -> MarketFile.read(market, dir.resolve("corr.csv")))
                .hasMessageStartingWith("corr.csv: cannot be read:");
    }

    @Test
    void test_read_missingMarketFileIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> MarketFile.read(dir.resolve("market.csv"), dir.resolve("corr.csv")))
                .hasMessageStartingWith("market.csv: cannot be read:");
    }

    @Test
    void test_marketCsv_writesAndReadsBackEqual() throws Exception {
        MarketCsv codec = new MarketCsv();
        List<RiskFactor> factors = List.of(new RiskFactor("AAPL", 190.5, 0.25, 0.04), new RiskFactor("X", 1e-3, 0, -0.01));

        ReadResult<RiskFactor> back = codec.readAll(new ByteArrayInputStream(codec.toBytes(factors)));

        assertThat(back.records()).isEqualTo(factors);
    }

    @Test
    void test_marketCsv_hugeNumberIsRefused() {
        String huge = "9".repeat(400);
        assertThatThrownBy(() -> load("factor,spot,vol,rate\nAAPL," + huge + ",0.2,0\n", "AAPL\n1\n", false))
                .hasMessageEndingWith("is too large for a number");
    }
}
