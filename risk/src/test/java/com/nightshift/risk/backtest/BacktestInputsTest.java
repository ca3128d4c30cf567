package com.nightshift.risk.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** Reading and joining the P&L and VaR files of a backtest. */
class BacktestInputsTest {

    private static final String PNL = "date,pnl\n2026-01-02,-120.5\n2026-01-05,30\n2026-01-06,-80\n";

    private static BacktestHistory read(String pnl, String var, double confidence) throws IOException {
        return BacktestInputs.read("pnl.csv", stream(pnl), "var.csv", stream(var), confidence);
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_single_var_column_is_at_the_given_confidence() throws IOException {
        BacktestHistory history = read(PNL, "date,var\n2026-01-02,100\n2026-01-05,100\n2026-01-06,100\n", 0.975);

        assertThat(history.series()).hasSize(1);
        BacktestHistory.Series series = history.series().get(0);
        assertThat(series.confidence()).isEqualTo(0.975);
        assertThat(series.observations()).containsExactly(
                new BacktestObservation(LocalDate.of(2026, 1, 2), -120.5, 100),
                new BacktestObservation(LocalDate.of(2026, 1, 5), 30, 100),
                new BacktestObservation(LocalDate.of(2026, 1, 6), -80, 100));
    }

    @Test
    void var95_and_var99_columns_give_a_series_at_each_level() throws IOException {
        BacktestHistory history = read(PNL, "date,var95,var99\n2026-01-02,90,130\n2026-01-05,90,130\n"
                + "2026-01-06,70,110\n", 0.5);

        assertThat(history.series()).extracting(BacktestHistory.Series::column).containsExactly("var95", "var99");
        assertThat(history.series()).extracting(BacktestHistory.Series::confidence).containsExactly(0.95, 0.99);
        assertThat(history.backtest()).extracting(BacktestResult::exceptions).containsExactly(2, 0);
    }

    @Test
    void dates_in_only_one_file_are_left_out_and_reported() throws IOException {
        BacktestHistory history = read(PNL, "date,var\n2026-01-01,100\n2026-01-02,100\n2026-01-06,100\n", 0.99);

        assertThat(history.series().get(0).observations()).extracting(BacktestObservation::date)
                .containsExactly(LocalDate.of(2026, 1, 2), LocalDate.of(2026, 1, 6));
        assertThat(history.pnlOnlyDates()).containsExactly(LocalDate.of(2026, 1, 5));
        assertThat(history.varOnlyDates()).containsExactly(LocalDate.of(2026, 1, 1));
    }

    @Test
    void rows_are_joined_by_date_whatever_their_order_in_the_files() throws IOException {
        BacktestHistory history = read("date,pnl\n2026-01-06,-80\n2026-01-02,-120.5\n",
                "date,var\n2026-01-02,100\n2026-01-06,50\n", 0.99);

        assertThat(history.series().get(0).observations()).containsExactly(
                new BacktestObservation(LocalDate.of(2026, 1, 2), -120.5, 100),
                new BacktestObservation(LocalDate.of(2026, 1, 6), -80, 50));
    }

    @Test
    void no_common_date_is_an_error() {
        assertThatThrownBy(() -> read(PNL, "date,var\n2025-01-02,100\n", 0.99))
                .isInstanceOf(BacktestInputException.class).hasMessageContaining("no date is in both");
    }

    @Test
    void a_duplicate_date_is_an_error_naming_file_and_line() {
        assertThatThrownBy(() -> read(PNL + "2026-01-05,12\n", "date,var\n2026-01-02,100\n", 0.99))
                .isInstanceOf(BacktestInputException.class)
                .hasMessageContaining("pnl.csv:5: duplicate date 2026-01-05, first seen on line 3")
                .satisfies(e -> assertThat(((BacktestInputException) e).line()).isEqualTo(5));
    }

    @Test
    void an_unparsable_pnl_is_an_error_naming_file_and_line() {
        assertThatThrownBy(() -> read("date,pnl\n2026-01-02,abc\n", "date,var\n2026-01-02,100\n", 0.99))
                .hasMessageContaining("pnl.csv:2: pnl 'abc' is not a decimal");
    }

    @Test
    void an_unparsable_date_is_an_error_naming_file_and_line() {
        assertThatThrownBy(() -> read(PNL, "date,var\n02/01/2026,100\n", 0.99))
                .hasMessageContaining("var.csv:2: date '02/01/2026' is not an ISO-8601 date");
    }

    @Test
    void a_var_that_is_zero_or_negative_is_an_error_naming_file_and_line() {
        assertThatThrownBy(() -> read(PNL, "date,var\n2026-01-02,100\n2026-01-05,0\n", 0.99))
                .hasMessageContaining("var.csv:3: var '0' is not positive");
        assertThatThrownBy(() -> read(PNL, "date,var95,var99\n2026-01-02,100,-3\n", 0.99))
                .hasMessageContaining("var.csv:2: var99 '-3' is not positive");
    }

    @Test
    void a_row_with_a_missing_field_is_an_error_naming_file_and_line() {
        assertThatThrownBy(() -> read(PNL, "date,var95,var99\n2026-01-02,100\n", 0.99))
                .hasMessageContaining("var.csv:2: expected 3 fields, found 2");
    }

    @Test
    void an_unknown_var_header_says_what_is_expected() {
        assertThatThrownBy(() -> read(PNL, "day,value\n2026-01-02,100\n", 0.99))
                .hasMessageContaining("var.csv:1: expected header 'date,var' or 'date,var95,var99', found 'day,value'");
    }

    @Test
    void a_wrong_pnl_header_says_what_is_expected() {
        assertThatThrownBy(() -> read("date,profit\n2026-01-02,1\n", "date,var\n2026-01-02,100\n", 0.99))
                .hasMessageContaining("pnl.csv:").hasMessageContaining("expected header 'date,pnl'");
    }

    @Test
    void an_empty_file_is_an_error() {
        assertThatThrownBy(() -> read(PNL, "", 0.99)).hasMessageContaining("var.csv: file is empty");
    }

    @Test
    void many_bad_rows_are_listed_up_to_five_and_counted() {
        String pnl = "date,pnl\n" + "2026-01-02,x\n".repeat(7);

        assertThatThrownBy(() -> read(pnl, "date,var\n2026-01-02,1\n", 0.99))
                .hasMessageContaining("pnl.csv:2:").hasMessageContaining("pnl.csv:6:")
                .hasMessageNotContaining("pnl.csv:7:").hasMessageContaining("(and 2 more rejected rows)");
    }

    @Test
    void var_column_names_give_their_levels_by_the_digits_after_the_point() {
        assertThat(VarCsvCodec.forHeader(java.util.List.of("date", "var975", "var999"), 0.99).orElseThrow().confidences())
                .containsExactly(0.975, 0.999);
    }
}
