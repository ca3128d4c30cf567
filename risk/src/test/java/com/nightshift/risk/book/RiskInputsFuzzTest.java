package com.nightshift.risk.book;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nightshift.risk.market.MarketFile;
import com.nightshift.risk.market.PriceHistory;
import java.io.ByteArrayInputStream;
import java.util.Arrays;

/**
 * Any bytes given to a risk input reader are what it reads or a {@link RiskInputException} naming the file;
 * nothing else escapes, and repairing a correlation matrix ends. One target for the three readers, so that one
 * short fuzz run covers them all: the first byte picks the reader ({@code 0} {@code positions.csv}, {@code 1}
 * {@code market.csv} and {@code corr.csv}, split at the first NUL byte after it, {@code 2} {@code prices.csv};
 * other values modulo 3), the rest is the content. The corpus is {@code RiskInputsFuzzTestInputs/}.
 */
class RiskInputsFuzzTest {

    @FuzzTest(maxDuration = "3s")
    void any_bytes_are_a_risk_input_or_a_clear_error(byte[] input) {
        if (input.length == 0) {
            return;
        }
        byte[] content = Arrays.copyOfRange(input, 1, input.length);
        switch (Byte.toUnsignedInt(input[0]) % 3) {
            case 0 -> positions(content);
            case 1 -> market(content, (input[0] & 4) != 0);
            default -> prices(content);
        }
    }

    private static void positions(byte[] content) {
        try {
            PositionsFile file = PositionsFile.load("positions.csv", new ByteArrayInputStream(content));
            assertThat(file.positions()).hasSameSizeAs(file.lines());
        } catch (RiskInputException e) {
            assertThat(e.getMessage()).startsWith("positions.csv");
        }
    }

    private static void market(byte[] content, boolean repair) {
        int split = 0;
        while (split < content.length && content[split] != 0) {
            split++;
        }
        byte[] market = Arrays.copyOf(content, split);
        byte[] corr = split < content.length ? Arrays.copyOfRange(content, split + 1, content.length) : new byte[0];
        try {
            MarketFile file = MarketFile.load("market.csv", new ByteArrayInputStream(market), "corr.csv",
                    new ByteArrayInputStream(corr), repair);
            assertThat(file.snapshot()).isNotNull();
        } catch (RiskInputException e) {
            assertThat(e.getMessage()).matches("(?s)(market|corr)\\.csv[,:].*");
        }
    }

    private static void prices(byte[] content) {
        try {
            assertThat(PriceHistory.read("prices.csv", new ByteArrayInputStream(content))).isNotNull();
        } catch (RiskInputException e) {
            assertThat(e.getMessage()).startsWith("prices.csv");
        }
    }
}
