package com.nightshift.common.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nightshift.common.csv.ReadResult;
import com.nightshift.common.csv.UnreadableFileException;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PositionCsvCodecTest {

    private static final String HEADER = "as_of_date,portfolio_id,instrument_id,quantity,currency";

    private final PositionCsvCodec codec = new PositionCsvCodec();

    private ReadResult<Position> read(String text) throws Exception {
        return codec.readAll(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void valid_row_becomes_a_position() throws Exception {
        assertThat(read(HEADER + "\n2026-11-20,PF-1,US0378331005,-150.5,USD\n").records()).containsExactly(
                Position.of(LocalDate.of(2026, 11, 20), PortfolioId.of("PF-1"), "US0378331005",
                        new BigDecimal("-150.5"), Currency.getInstance("USD")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "bad as_of_date     | 2026-11-31,PF-1,I1,1,USD    | as_of_date '2026-11-31' is not an ISO-8601 date (yyyy-mm-dd)",
            "bad portfolio_id   | 2026-11-20,PF 1,I1,1,USD    | portfolio_id 'PF 1' must be 1 to 64 characters from [A-Za-z0-9._-]",
            "empty instrument   | 2026-11-20,PF-1,,1,USD      | instrument_id is empty",
            "quantity not number| 2026-11-20,PF-1,I1,ten,USD  | quantity 'ten' is not a decimal",
            "bad currency       | 2026-11-20,PF-1,I1,1,XXY    | currency 'XXY' is not an ISO 4217 code",
            "wrong field count  | 2026-11-20,PF-1,I1,1        | expected 5 fields, found 4",
    })
    void rejects_row_with_reason(String caseName, String row, String reason) throws Exception {
        ReadResult<Position> result = read(HEADER + "\n" + row + "\n");
        assertThat(result.accepted()).isEmpty();
        assertThat(result.rejected()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(reason);
            assertThat(r.lineNumber()).isEqualTo(2);
            assertThat(r.rawRowText()).isEqualTo(row);
        });
    }

    @Test
    void second_row_for_the_same_portfolio_instrument_and_date_is_rejected_naming_the_first() throws Exception {
        ReadResult<Position> result = read(HEADER + "\n2026-11-20,PF-1,I1,100,USD\n2026-11-20,PF-1,I2,5,USD\n"
                + "2026-11-20,PF-2,I1,7,USD\n2026-11-21,PF-1,I1,100,USD\n2026-11-20,PF-1,I1,40,USD\n");

        assertThat(result.records()).extracting(Position::quantity).containsExactly(new BigDecimal("100"),
                new BigDecimal("5"), new BigDecimal("7"), new BigDecimal("100"));
        assertThat(result.rejected()).singleElement().satisfies(r -> {
            assertThat(r.lineNumber()).isEqualTo(6);
            assertThat(r.reason()).isEqualTo(
                    "duplicate position: portfolio PF-1, instrument I1, as of 2026-11-20, first seen on line 2");
            assertThat(r.rawRowText()).isEqualTo("2026-11-20,PF-1,I1,40,USD");
        });
    }

    @Test
    void wrong_header_makes_the_file_unreadable() {
        assertThatThrownBy(() -> read("date,portfolio,instrument,qty,ccy\n"))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining(HEADER);
    }

    @Test
    void written_records_read_back_equal() throws Exception {
        List<Position> records = read(HEADER + "\n2026-11-20,PF-1,I1,100,USD\n2026-11-20,PF-2,I2,-0.123456,EUR\n")
                .records();
        assertThat(codec.readAll(new ByteArrayInputStream(codec.toBytes(records))).records()).isEqualTo(records);
    }
}
