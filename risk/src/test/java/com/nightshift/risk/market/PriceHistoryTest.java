package com.nightshift.risk.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nightshift.common.csv.ReadResult;
import com.nightshift.risk.book.RiskInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceHistoryTest {

    private static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static PriceHistory read(String s) {
        return PriceHistory.read("prices.csv", text(s));
    }

    @Test
    void test_read_closesByFactorSortedByDateInFirstNamedOrder() {
        PriceHistory history = read("""
                date,factor,close
                2024-01-03,MSFT,401
                2024-01-02,MSFT,400
                2024-01-02,AAPL,190
                """);

        assertThat(history.factors()).containsExactly("MSFT", "AAPL");
        assertThat(history.closes("MSFT").keySet())
                .containsExactly(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 3));
        assertThat(history.closes("MSFT").firstEntry().getValue()).isEqualTo(400.0);
        assertThat(history.lineOf("MSFT", LocalDate.of(2024, 1, 2))).hasValue(3);
        assertThat(history.lineOf("IBM", LocalDate.of(2024, 1, 2))).isEmpty();
        assertThat(history.closes("IBM")).isEmpty();
        assertThat(history.lastDate()).hasValue(LocalDate.of(2024, 1, 3));
        assertThat(history.currency()).isEmpty();
        assertThat(history.fileName()).isEqualTo("prices.csv");
    }

    @Test
    void test_read_currencyColumnOfOneCurrencyIsAccepted() {
        PriceHistory history = read("date,factor,close,currency\n2024-01-02,AAPL,190,USD\n2024-01-03,AAPL,191,USD\n");

        assertThat(history.currency()).hasValue("USD");
    }

    @Test
    void test_read_mixedCurrenciesNameBothLines() {
        assertThatThrownBy(() -> read("date,factor,close,currency\n2024-01-02,AAPL,190,USD\n2024-01-02,SAP,120,USD\n"
                + "2024-01-03,SAP,121,EUR\n"))
                .isInstanceOf(RiskInputException.class)
                .hasMessage("prices.csv, line 4: mixed currencies: line 4 has EUR, line 2 had USD");
    }

    @Test
    void test_read_wrongHeaderNamesBothExpectedHeaders() {
        assertThatThrownBy(() -> read("day,factor,close\n2024-01-02,AAPL,190\n"))
                .hasMessage("prices.csv, line 1: expected header 'date,factor,close' or 'date,factor,close,currency' on line 1,"
                        + " found 'day,factor,close'");
    }

    @Test
    void test_read_emptyFileNamesTheExpectedHeader() {
        assertThatThrownBy(() -> read(""))
                .hasMessage("prices.csv, line 1: file is empty; expected header 'date,factor,close'");
    }

    @Test
    void test_read_nonNumericCloseIsAnError() {
        assertThatThrownBy(() -> read("date,factor,close\n2024-01-02,AAPL,n/a\n"))
                .hasMessage("prices.csv, line 2: close 'n/a' is not a decimal");
    }

    @Test
    void test_read_zeroCloseIsAnError() {
        assertThatThrownBy(() -> read("date,factor,close\n2024-01-02,AAPL,0\n"))
                .hasMessage("prices.csv, line 2: close '0' is not greater than 0");
    }

    @Test
    void test_read_nonIsoDateIsAnError() {
        assertThatThrownBy(() -> read("date,factor,close\n02/01/2024,AAPL,190\n"))
                .hasMessage("prices.csv, line 2: date '02/01/2024' is not an ISO-8601 date (yyyy-mm-dd)");
    }

    @Test
    void test_read_emptyCurrencyIsAnError() {
        assertThatThrownBy(() -> read("date,factor,close,currency\n2024-01-02,AAPL,190,\n"))
                .hasMessage("prices.csv, line 2: currency is empty");
    }

    @Test
    void test_read_sameFactorAndDateTwiceNamesBothLines() {
        assertThatThrownBy(() -> read("date,factor,close\n2024-01-02,AAPL,190\n2024-01-02,AAPL,191\n"))
                .hasMessage("prices.csv, line 3: duplicate close of AAPL on 2024-01-02, first seen on line 2");
    }

    @Test
    void test_read_path(@TempDir Path dir) throws IOException {
        Path path = Files.writeString(dir.resolve("prices.csv"), "date,factor,close\n2024-01-02,AAPL,190\n");

        assertThat(PriceHistory.read(path).factors()).containsExactly("AAPL");
    }

    @Test
    void test_read_missingPathIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> PriceHistory.read(dir.resolve("prices.csv")))
                .hasMessageStartingWith("prices.csv: cannot be read:");
    }

    @Test
    void test_read_failingStreamIsNamed() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("gone");
            }
        };

        assertThatThrownBy(() -> PriceHistory.read("prices.csv", broken))
                .hasMessage("prices.csv: cannot be read: java.io.IOException: gone");
    }

    @Test
    void test_of_rowsFromCodeAreNumberedAsIfUnderAHeader() {
        LocalDate day = LocalDate.of(2024, 1, 2);
        PriceHistory history = PriceHistory.of("feed", List.of(PriceRow.of(day, "A", 1), PriceRow.of(day, "B", 2)));

        assertThat(history.lineOf("B", day)).hasValue(3);
        assertThat(history.fileName()).isEqualTo("feed");
    }

    @Test
    void test_of_sameFactorAndDateTwiceIsAnError() {
        LocalDate day = LocalDate.of(2024, 1, 2);

        assertThatThrownBy(() -> PriceHistory.of("feed", List.of(PriceRow.of(day, "A", 1), PriceRow.of(day, "A", 2))))
                .hasMessage("feed, line 3: duplicate close of A on 2024-01-02, first seen on line 2");
    }

    @Test
    void test_of_mixedCurrenciesIsAnError() {
        LocalDate day = LocalDate.of(2024, 1, 2);

        assertThatThrownBy(() -> PriceHistory.of("feed", List.of(new PriceRow(day, "A", 1, Optional.of("USD")),
                new PriceRow(day, "B", 1, Optional.of("JPY")))))
                .hasMessage("feed, line 3: mixed currencies: line 3 has JPY, line 2 had USD");
    }

    @Test
    void test_priceRow_refusesANonPositiveClose() {
        assertThatThrownBy(() -> PriceRow.of(LocalDate.of(2024, 1, 2), "A", -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void test_codec_lenientFormRejectsBadRowsAndOtherCurrencies() throws Exception {
        PriceHistoryCsv codec = PriceHistoryCsv.withCurrency();
        ReadResult<PriceRow> result = codec.readAll(text("date,factor,close,currency\n2024-01-02,A,1,USD\n"
                + "2024-01-02,B,x,USD\n2024-01-03,A,2,EUR\n2024-01-03,B,2,USD\n"));

        assertThat(result.rejected()).extracting(r -> r.lineNumber() + ": " + r.reason())
                .containsExactly("3: close 'x' is not a decimal");
        assertThat(PriceHistoryCsv.otherCurrencies(result.accepted())).extracting(r -> r.lineNumber() + ": " + r.reason())
                .containsExactly("4: mixed currencies: line 4 has EUR, line 2 had USD");
        assertThat(codec.hasCurrency()).isTrue();
    }

    @Test
    void test_codec_forHeaderPicksTheFormOrNone() {
        assertThat(PriceHistoryCsv.forHeader(PriceHistoryCsv.HEADER)).get().extracting(PriceHistoryCsv::hasCurrency)
                .isEqualTo(false);
        assertThat(PriceHistoryCsv.forHeader(PriceHistoryCsv.HEADER_WITH_CURRENCY)).get()
                .extracting(PriceHistoryCsv::hasCurrency).isEqualTo(true);
        assertThat(PriceHistoryCsv.forHeader(List.of("date"))).isEmpty();
    }

    @Test
    void test_codec_writesAndReadsBackEqual() throws Exception {
        LocalDate day = LocalDate.of(2024, 1, 2);
        List<PriceRow> plain = List.of(PriceRow.of(day, "A", 101.25), PriceRow.of(day, "B", 1e-4));
        List<PriceRow> withCurrency = List.of(new PriceRow(day, "A", 3, Optional.of("USD")));

        assertThat(PriceHistoryCsv.withoutCurrency().readAll(new ByteArrayInputStream(
                PriceHistoryCsv.withoutCurrency().toBytes(plain))).records()).isEqualTo(plain);
        assertThat(PriceHistoryCsv.withCurrency().readAll(new ByteArrayInputStream(
                PriceHistoryCsv.withCurrency().toBytes(withCurrency))).records()).isEqualTo(withCurrency);
    }
}
