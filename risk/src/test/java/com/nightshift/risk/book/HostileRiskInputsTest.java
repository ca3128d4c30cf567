package com.nightshift.risk.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nightshift.common.io.GeneratedInput;
import com.nightshift.risk.market.MarketFile;
import com.nightshift.risk.market.PriceHistory;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Hostile risk inputs (positions, market data, correlations, prices) are refused naming the file, after
 * reading little of them, in a heap capped at 128 MB (tagged {@code bounded-memory}: the build runs this class
 * in such a JVM). The long inputs are generated as they are read.
 */
@Tag("bounded-memory")
class HostileRiskInputsTest {

    private static final long HUNDRED_MB = 100L << 20;
    private static final String POSITIONS_HEADER = String.join(",", PositionsCsv.HEADER) + "\n";

    private static BufferedInputStream buffered(GeneratedInput in) {
        return new BufferedInputStream(in, 1 << 16);
    }

    @Test
    void a_positions_file_with_a_hundred_megabyte_line_is_refused_naming_it() {
        GeneratedInput hostile = GeneratedInput.of(POSITIONS_HEADER + "P1,PF,EQUITY,1,", "A", HUNDRED_MB);

        assertThatThrownBy(() -> PositionsFile.load("positions.csv", buffered(hostile)))
                .isInstanceOf(RiskInputException.class)
                .hasMessage("positions.csv: line 2 is longer than the limit of 65536 characters");
        assertThat(hostile.bytesRead()).isLessThan(1 << 20);
    }

    @Test
    void a_correlation_file_with_a_hundred_megabyte_line_is_refused_naming_it() {
        byte[] market = "factor,spot,vol,rate\nAAPL,100,0.2,0.01\n".getBytes(StandardCharsets.UTF_8);
        GeneratedInput corr = GeneratedInput.of("AAPL\n", "1", HUNDRED_MB);

        assertThatThrownBy(() -> MarketFile.load("market.csv", new ByteArrayInputStream(market), "corr.csv",
                buffered(corr), false))
                .isInstanceOf(RiskInputException.class)
                .hasMessage("corr.csv: line 2 is longer than the limit of 65536 characters");
        assertThat(corr.bytesRead()).isLessThan(1 << 20);
    }

    @Test
    void a_market_file_of_binary_bytes_is_refused_as_not_utf8() {
        byte[] binary = {(byte) 0xFF, (byte) 0xFE, 0, 1, 2, (byte) 0x80, (byte) 0xC3};

        assertThatThrownBy(() -> MarketFile.load("market.csv", new ByteArrayInputStream(binary), "corr.csv",
                new ByteArrayInputStream(new byte[0]), false))
                .isInstanceOf(RiskInputException.class)
                .hasMessageStartingWith("market.csv, line 1: file is not valid UTF-8 text");
    }

    @Test
    void a_prices_file_with_a_hundred_megabyte_header_is_refused_before_reading_much() {
        GeneratedInput hostile = GeneratedInput.of("date,", "f", HUNDRED_MB);

        assertThatThrownBy(() -> PriceHistory.read("prices.csv", hostile))
                .isInstanceOf(RiskInputException.class)
                .hasMessage("prices.csv: line 1 is longer than the limit of 65536 characters");
        assertThat(hostile.bytesRead()).isLessThan(1 << 20);
    }

    @Test
    void a_prices_file_with_a_hundred_megabyte_row_is_refused_naming_it() {
        GeneratedInput hostile = GeneratedInput.of("date,factor,close\n2026-11-19,", "F", HUNDRED_MB);

        assertThatThrownBy(() -> PriceHistory.read("prices.csv", hostile))
                .isInstanceOf(RiskInputException.class)
                .hasMessage("prices.csv: line 2 is longer than the limit of 65536 characters");
        assertThat(hostile.bytesRead()).isLessThan(1 << 20);
    }
}
