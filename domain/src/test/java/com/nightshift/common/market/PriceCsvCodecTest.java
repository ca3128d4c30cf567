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

class PriceCsvCodecTest {

    private static final String HEADER = "instrument_id,price_date,close,currency";

    private final PriceCsvCodec codec = new PriceCsvCodec();

    private ReadResult<PricePoint> read(String text) throws Exception {
        return codec.readAll(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void valid_row_becomes_a_price_point() throws Exception {
        assertThat(read(HEADER + "\nI1,2026-11-20,187.25,USD\n").records()).containsExactly(
                PricePoint.of("I1", LocalDate.of(2026, 11, 20), new BigDecimal("187.25"), Currency.getInstance("USD")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "empty instrument  | ,2026-11-20,1,USD       | instrument_id is empty",
            "bad price_date    | I1,2026/11/20,1,USD     | price_date '2026/11/20' is not an ISO-8601 date (yyyy-mm-dd)",
            "close not number  | I1,2026-11-20,n/a,USD   | close 'n/a' is not a decimal",
            "zero close        | I1,2026-11-20,0,USD     | close '0' is not positive",
            "negative close    | I1,2026-11-20,-1.5,USD  | close '-1.5' is not positive",
            "bad currency      | I1,2026-11-20,1,US      | currency 'US' is not an ISO 4217 code",
            "wrong field count | I1,2026-11-20,1,USD,x   | expected 4 fields, found 5",
    })
    void rejects_row_with_reason(String caseName, String row, String reason) throws Exception {
        ReadResult<PricePoint> result = read(HEADER + "\n" + row + "\n");
        assertThat(result.accepted()).isEmpty();
        assertThat(result.rejected()).singleElement().extracting(r -> r.reason()).isEqualTo(reason);
    }

    @Test
    void missing_header_makes_the_file_unreadable() {
        assertThatThrownBy(() -> read("I1,2026-11-20,1,USD\n")).isInstanceOf(UnreadableFileException.class);
    }

    @Test
    void price_point_refuses_non_positive_close() {
        assertThatThrownBy(() -> PricePoint.of("I1", LocalDate.of(2026, 11, 20), BigDecimal.ZERO,
                Currency.getInstance("USD"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void written_records_read_back_equal() throws Exception {
        List<PricePoint> records = read(HEADER + "\nI1,2026-11-19,1.5,USD\n\"I,2\",2026-11-20,0.000001,EUR\n")
                .records();
        assertThat(codec.readAll(new ByteArrayInputStream(codec.toBytes(records))).records()).isEqualTo(records);
    }
}
