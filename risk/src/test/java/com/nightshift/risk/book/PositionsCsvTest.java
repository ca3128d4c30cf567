package com.nightshift.risk.book;

import static org.assertj.core.api.Assertions.assertThat;

import com.nightshift.common.csv.ReadResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PositionsCsvTest {

    @Test
    void test_readAll_lenientFormRejectsBadRowsAndKeepsTheRest() throws Exception {
        String file = String.join("\n", String.join(",", PositionsCsv.HEADER),
                "P1,EQ,EQUITY,1,AAPL,,,", "P2,EQ,EQUITY,oops,AAPL,,,", "P3,EQ,FX,2,EURUSD,,,", "P1,EQ,FX,2,EURUSD,,,");

        ReadResult<RiskPosition> result = new PositionsCsv().readAll(
                new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)));

        assertThat(result.records()).extracting(RiskPosition::positionId).containsExactly("P1", "P3");
        assertThat(result.rejected()).extracting(r -> r.lineNumber() + ": " + r.reason()).containsExactly(
                "3: quantity 'oops' is not a decimal", "5: duplicate position_id P1, first seen on line 2");
    }

    @Test
    void test_write_readsBackEqual() throws Exception {
        List<RiskPosition> positions = List.of(
                RiskPosition.linear("P1", "EQ", PositionType.EQUITY, -1e7, "AAPL"),
                RiskPosition.option("P2", "EQ", 0.25, "AAPL", 101.5, 0.75, OptionType.CALL),
                RiskPosition.bond("P3", "R", 3, "UST5Y", 1000, 4.5));
        PositionsCsv codec = new PositionsCsv();

        byte[] bytes = codec.toBytes(positions);

        assertThat(codec.readAll(new ByteArrayInputStream(bytes)).records()).isEqualTo(positions);
    }
}
