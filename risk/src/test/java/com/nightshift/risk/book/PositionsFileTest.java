package com.nightshift.risk.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nightshift.risk.market.MarketSnapshot;
import com.nightshift.risk.market.RiskFactor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PositionsFileTest {

    private static final String HEADER = "position_id,portfolio,type,quantity,underlying,strike,expiry_years,option_type\n";

    private static InputStream csv(String rows) {
        return new ByteArrayInputStream((HEADER + rows).getBytes(StandardCharsets.UTF_8));
    }

    private static List<RiskPosition> read(String rows) {
        return PositionsFile.read("positions.csv", csv(rows));
    }

    private static MarketSnapshot market(String... names) {
        double[][] identity = new double[names.length][names.length];
        List<RiskFactor> factors = new java.util.ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            identity[i][i] = 1.0;
            factors.add(new RiskFactor(names[i], 100.0, 0.2, 0.01));
        }
        return new MarketSnapshot(factors, identity);
    }

    @Test
    void test_read_everyTypeInFileOrder() {
        List<RiskPosition> positions = read("""
                P1,EQ,EQUITY,100,AAPL,,,
                P2,EQ,option,-10.5,AAPL,150,0.5,put
                P3,FX,FX,1000000,EURUSD,,,
                P4,RATES,Bond,20,UST5Y,1000,5,
                """);

        assertThat(positions).containsExactly(
                RiskPosition.linear("P1", "EQ", PositionType.EQUITY, 100, "AAPL"),
                RiskPosition.option("P2", "EQ", -10.5, "AAPL", 150, 0.5, OptionType.PUT),
                RiskPosition.linear("P3", "FX", PositionType.FX, 1_000_000, "EURUSD"),
                RiskPosition.bond("P4", "RATES", 20, "UST5Y", 1000, 5));
    }

    @Test
    void test_read_optionExpiringTodayIsAccepted() {
        assertThat(read("P1,EQ,OPTION,1,AAPL,150,0,CALL\n").get(0).expiryYears()).isZero();
    }

    @Test
    void test_read_wrongHeaderNamesTheExpectedHeader() {
        InputStream in = new ByteArrayInputStream("id,portfolio,type\nP1,EQ,EQUITY\n".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> PositionsFile.read("positions.csv", in))
                .isInstanceOf(RiskInputException.class)
                .hasMessage("positions.csv, line 1: expected header "
                        + "'position_id,portfolio,type,quantity,underlying,strike,expiry_years,option_type' on line 1, "
                        + "found 'id,portfolio,type'");
    }

    @Test
    void test_read_missingColumnIsAnErrorOnItsLine() {
        assertThatThrownBy(() -> read("P1,EQ,EQUITY,100,AAPL,,,\nP2,EQ,EQUITY,100,AAPL\n"))
                .hasMessage("positions.csv, line 3: expected 8 fields, found 5");
    }

    @Test
    void test_read_nonNumericQuantityNamesFileLineAndColumn() {
        assertThatThrownBy(() -> read("P1,EQ,EQUITY,abc,AAPL,,,\n"))
                .isInstanceOf(RiskInputException.class)
                .hasMessage("positions.csv, line 2: quantity 'abc' is not a decimal")
                .satisfies(e -> {
                    assertThat(((RiskInputException) e).file()).isEqualTo("positions.csv");
                    assertThat(((RiskInputException) e).line()).isEqualTo(2);
                });
    }

    @Test
    void test_read_unknownTypeIsAnError() {
        assertThatThrownBy(() -> read("P1,EQ,SWAP,1,AAPL,,,\n"))
                .hasMessage("positions.csv, line 2: type 'SWAP' is not one of EQUITY, OPTION, FX, BOND");
    }

    @Test
    void test_read_duplicatePositionIdNamesBothLines() {
        assertThatThrownBy(() -> read("P1,EQ,EQUITY,1,AAPL,,,\nP2,EQ,EQUITY,1,MSFT,,,\nP1,EQ,FX,1,EURUSD,,,\n"))
                .hasMessage("positions.csv, line 4: duplicate position_id P1, first seen on line 2");
    }

    @Test
    void test_read_equityWithStrikeNamesTheColumn() {
        assertThatThrownBy(() -> read("P1,EQ,EQUITY,1,AAPL,100,,\n"))
                .hasMessage("positions.csv, line 2: strike '100' must be empty for an EQUITY position");
    }

    @Test
    void test_read_fxWithExpiryNamesTheColumn() {
        assertThatThrownBy(() -> read("P1,FX,FX,1,EURUSD,,1,\n"))
                .hasMessage("positions.csv, line 2: expiry_years '1' must be empty for an FX position");
    }

    @Test
    void test_read_equityWithOptionTypeNamesTheColumn() {
        assertThatThrownBy(() -> read("P1,EQ,EQUITY,1,AAPL,,,CALL\n"))
                .hasMessage("positions.csv, line 2: option_type 'CALL' must be empty for an EQUITY position");
    }

    @Test
    void test_read_optionWithoutStrikeIsAnError() {
        assertThatThrownBy(() -> read("P1,EQ,OPTION,1,AAPL,,1,CALL\n"))
                .hasMessage("positions.csv, line 2: strike is empty; it must be greater than 0");
    }

    @Test
    void test_read_optionWithZeroStrikeIsAnError() {
        assertThatThrownBy(() -> read("P1,EQ,OPTION,1,AAPL,0,1,CALL\n"))
                .hasMessage("positions.csv, line 2: strike '0' is not greater than 0");
    }

    @Test
    void test_read_optionWithNegativeExpiryIsAnError() {
        assertThatThrownBy(() -> read("P1,EQ,OPTION,1,AAPL,100,-0.5,CALL\n"))
                .hasMessage("positions.csv, line 2: expiry_years '-0.5' is negative");
    }

    @Test
    void test_read_optionWithoutExpiryIsAnError() {
        assertThatThrownBy(() -> read("P1,EQ,OPTION,1,AAPL,100,,CALL\n"))
                .hasMessage("positions.csv, line 2: expiry_years is empty; it must be 0 or more");
    }

    @Test
    void test_read_optionWithoutOptionTypeIsAnError() {
        assertThatThrownBy(() -> read("P1,EQ,OPTION,1,AAPL,100,1,\n"))
                .hasMessage("positions.csv, line 2: option_type is empty; an OPTION needs CALL or PUT");
    }

    @Test
    void test_read_optionWithUnknownOptionTypeIsAnError() {
        assertThatThrownBy(() -> read("P1,EQ,OPTION,1,AAPL,100,1,STRADDLE\n"))
                .hasMessage("positions.csv, line 2: option_type 'STRADDLE' is not CALL or PUT");
    }

    @Test
    void test_read_bondWithZeroFaceIsAnError() {
        assertThatThrownBy(() -> read("P1,R,BOND,1,UST5Y,0,5,\n"))
                .hasMessage("positions.csv, line 2: strike (face value) '0' is not greater than 0");
    }

    @Test
    void test_read_bondWithNegativeMaturityIsAnError() {
        assertThatThrownBy(() -> read("P1,R,BOND,1,UST5Y,1000,-1,\n"))
                .hasMessage("positions.csv, line 2: expiry_years '-1' is negative");
    }

    @Test
    void test_read_bondWithOptionTypeIsAnError() {
        assertThatThrownBy(() -> read("P1,R,BOND,1,UST5Y,1000,5,PUT\n"))
                .hasMessage("positions.csv, line 2: option_type 'PUT' must be empty for an BOND position");
    }

    @Test
    void test_read_emptyUnderlyingIsAnError() {
        assertThatThrownBy(() -> read("P1,EQ,EQUITY,1,,,,\n"))
                .hasMessage("positions.csv, line 2: underlying is empty");
    }

    @Test
    void test_read_hugeQuantityIsNotAFiniteNumber() {
        String huge = "9".repeat(400);
        assertThatThrownBy(() -> read("P1,EQ,EQUITY," + huge + ",AAPL,,,\n"))
                .hasMessageContaining("positions.csv, line 2: quantity '999").hasMessageEndingWith("is too large for a number");
    }

    @Test
    void test_load_keepsTheLineOfEachPosition() {
        PositionsFile file = PositionsFile.load("positions.csv", csv("P1,EQ,EQUITY,1,AAPL,,,\n\"P\n2\",EQ,EQUITY,1,MSFT,,,\nP3,EQ,EQUITY,1,IBM,,,\n"));

        assertThat(file.lines()).containsExactly(2L, 3L, 5L);
        assertThat(file.lineOf(2)).isEqualTo(5);
    }

    @Test
    void test_validate_unknownFactorNamesFileLinePositionAndFactor() {
        PositionsFile file = PositionsFile.load("positions.csv", csv("P1,EQ,EQUITY,1,AAPL,,,\nP2,EQ,EQUITY,1,MSFT,,,\n"));

        assertThatThrownBy(() -> file.validate(market("AAPL")))
                .isInstanceOf(RiskInputException.class)
                .hasMessage("positions.csv, line 3: position P2: underlying factor MSFT is not in the market data");
    }

    @Test
    void test_validate_knownFactorsPass() {
        PositionsFile file = PositionsFile.load("positions.csv", csv("P1,EQ,EQUITY,1,AAPL,,,\n"));

        assertThat(file.validate(market("MSFT", "AAPL"))).isSameAs(file);
    }

    @Test
    void test_validateList_unknownFactorNamesSourceAndPosition() {
        List<RiskPosition> positions = List.of(RiskPosition.linear("P9", "EQ", PositionType.EQUITY, 1, "IBM"));

        assertThatThrownBy(() -> PositionsFile.validate("book", positions, market("AAPL")))
                .hasMessage("book: position P9: underlying factor IBM is not in the market data");
        PositionsFile.validate("book", positions, market("IBM"));
    }

    @Test
    void test_read_pathNamesTheFileByItsName(@TempDir Path dir) throws IOException {
        Path path = dir.resolve("positions.csv");
        Files.writeString(path, HEADER + "P1,EQ,EQUITY,x,AAPL,,,\n");

        assertThatThrownBy(() -> PositionsFile.read(path)).hasMessage("positions.csv, line 2: quantity 'x' is not a decimal");
    }

    @Test
    void test_read_pathReadsPositions(@TempDir Path dir) throws IOException {
        Path path = dir.resolve("positions.csv");
        Files.writeString(path, HEADER + "P1,EQ,EQUITY,5,AAPL,,,\n");

        assertThat(PositionsFile.read(path)).containsExactly(RiskPosition.linear("P1", "EQ", PositionType.EQUITY, 5, "AAPL"));
    }

    @Test
    void test_read_missingFileIsAnErrorNamingIt(@TempDir Path dir) {
        assertThatThrownBy(() -> PositionsFile.read(dir.resolve("positions.csv")))
                .isInstanceOf(RiskInputException.class)
                .hasMessageStartingWith("positions.csv: cannot be read: java.nio.file.NoSuchFileException");
    }

    @Test
    void test_read_emptyFileNamesTheExpectedHeader() {
        assertThatThrownBy(() -> PositionsFile.read("positions.csv", new ByteArrayInputStream(new byte[0])))
                .hasMessageStartingWith("positions.csv, line 1: file is empty; expected header 'position_id,");
    }

    @Test
    void test_read_failingStreamIsAnErrorNamingTheFile() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }
        };

        assertThatThrownBy(() -> PositionsFile.read("positions.csv", broken))
                .hasMessage("positions.csv: cannot be read: java.io.IOException: disk gone");
    }

    @Test
    void test_constructor_refusesLinesThatDoNotMatchPositions() {
        assertThatThrownBy(() -> new PositionsFile("positions.csv", List.of(), List.of(2L)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
