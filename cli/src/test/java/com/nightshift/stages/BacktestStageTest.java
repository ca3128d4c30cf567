package com.nightshift.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.nightshift.common.json.JsonCodec;
import com.nightshift.local.NightshiftCli;

/** {@code nightshift backtest} end to end, on files in a temporary directory. */
class BacktestStageTest {

    private static final LocalDate START = LocalDate.of(2025, 1, 1);

    @TempDir
    Path work;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errors = new ByteArrayOutputStream();

    /** {@code bin/nightshift ARGS}, as a user types it; the exit status. */
    private int nightshift(String... args) {
        var context = new NightshiftCli.Context(work, work.resolve("default-out"), java.util.Map.of(),
                new ByteArrayInputStream(new byte[0]), new PrintStream(output, true, StandardCharsets.UTF_8));
        return NightshiftCli.commandLine(context, new PrintStream(errors, true, StandardCharsets.UTF_8)).execute(args);
    }

    private String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    private String errors() {
        return errors.toString(StandardCharsets.UTF_8);
    }

    /** {@code days} days of P&amp;L from {@link #START}: a loss of 150 on the days in {@code exceptions}, else a gain of 10. */
    private Path pnl(int days, Set<Integer> exceptions) throws IOException {
        StringBuilder csv = new StringBuilder("date,pnl\n");
        for (int t = 0; t < days; t++) {
            csv.append(START.plusDays(t)).append(',').append(exceptions.contains(t) ? "-150" : "10").append('\n');
        }
        return Files.writeString(work.resolve("pnl.csv"), csv);
    }

    /** A VaR of 100 for each of {@code days} days from {@link #START} + {@code offset} days. */
    private Path var(int days, int offset) throws IOException {
        StringBuilder csv = new StringBuilder("date,var\n");
        for (int t = 0; t < days; t++) {
            csv.append(START.plusDays(offset + t)).append(",100\n");
        }
        return Files.writeString(work.resolve("var.csv"), csv);
    }

    @Test
    void a_history_of_250_days_with_8_exceptions_prints_the_summary_and_a_yellow_zone() throws IOException {
        Path pnl = pnl(250, Set.of(10, 11, 40, 90, 120, 121, 122, 200));
        Path var = var(250, 0);

        assertThat(nightshift("backtest", "--pnl", pnl.toString(), "--var", var.toString())).as(errors()).isZero();

        assertThat(output()).contains("VaR 99%").containsPattern("observations\\s+250")
                .containsPattern("exceptions\\s+8").containsPattern("expected\\s+2.50")
                .containsPattern("exception rate\\s+3.20%").containsPattern("LR_pof \\(Kupiec\\)\\s+7.7336")
                .containsPattern("p-value\\s+0.0054 \\(reject\\)").contains("LR_ind (Christoffersen)")
                .contains("LR_cc (conditional coverage)").containsPattern("zone\\s+YELLOW")
                .containsPattern("plus factor\\s+0.75")
                .contains("exception dates: 2025-01-11, 2025-01-12, 2025-02-10, 2025-04-01, 2025-05-01, 2025-05-02,"
                        + " 2025-05-03, 2025-07-20");
    }

    @Test
    void out_writes_the_result_as_json() throws IOException {
        Path pnl = pnl(250, Set.of(10, 11, 40, 90, 120, 121, 122, 200));
        Path json = work.resolve("results/backtest.json");

        assertThat(nightshift("backtest", "--pnl", pnl.toString(), "--var", var(250, 0).toString(), "--out",
                json.toString())).as(errors()).isZero();

        JsonNode result = JsonCodec.tree(Files.readAllBytes(json)).get("results").get(0);
        assertThat(result.get("confidence").asDouble()).isEqualTo(0.99);
        assertThat(result.get("observations").asInt()).isEqualTo(250);
        assertThat(result.get("exceptions").asInt()).isEqualTo(8);
        double byHand = -2 * (242 * Math.log(0.99) + 8 * Math.log(0.01))
                + 2 * (242 * Math.log(1 - 8.0 / 250) + 8 * Math.log(8.0 / 250));
        assertThat(result.get("kupiecPof").get("statistic").asDouble()).isCloseTo(byHand, within(1e-9));
        assertThat(result.get("kupiecPof").get("rejected").asBoolean()).isTrue();
        // 10-11 and 120-121-122 are clustered: n11 = 3, n10 = 5, n01 = 5, n00 = 236.
        assertThat(result.get("transitions").get("n11").asInt()).isEqualTo(3);
        assertThat(result.get("transitions").get("n00").asInt()).isEqualTo(236);
        assertThat(result.get("christoffersenIndependence").get("degreesOfFreedom").asInt()).isEqualTo(1);
        assertThat(result.get("conditionalCoverage").get("degreesOfFreedom").asInt()).isEqualTo(2);
        assertThat(result.get("trafficLight").get("zone").asText()).isEqualTo("YELLOW");
        assertThat(result.get("trafficLight").get("plusFactor").asDouble()).isEqualTo(0.75);
        assertThat(result.get("exceptionDates").get(0).asText()).isEqualTo("2025-01-11");
        assertThat(JsonCodec.tree(Files.readAllBytes(json)).get("manifest").get("inputs")).hasSize(2);
        assertThat(output()).contains("result in " + json.toAbsolutePath());
    }

    @Test
    void a_model_in_the_red_zone_is_a_result_and_exits_zero() throws IOException {
        Path pnl = pnl(250, Set.of(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23));

        assertThat(nightshift("backtest", "--pnl", pnl.toString(), "--var", var(250, 0).toString())).as(errors()).isZero();

        assertThat(output()).containsPattern("exceptions\\s+12").containsPattern("zone\\s+RED")
                .containsPattern("plus factor\\s+1.00");
    }

    @Test
    void var95_and_var99_columns_are_backtested_side_by_side() throws IOException {
        Path pnl = pnl(3, Set.of());
        Files.writeString(pnl, "date,pnl\n2025-01-01,-95\n2025-01-02,-120\n2025-01-03,5\n");
        Path var = Files.writeString(work.resolve("var.csv"), "date,var95,var99\n2025-01-01,90,130\n"
                + "2025-01-02,90,110\n2025-01-03,90,130\n");
        Path json = work.resolve("levels.json");

        assertThat(nightshift("backtest", "--pnl", pnl.toString(), "--var", var.toString(), "--out", json.toString()))
                .as(errors()).isZero();

        assertThat(output()).containsPattern("VaR 95%\\s+VaR 99%").containsPattern("exceptions\\s+2\\s+1")
                .contains("VaR 95% exception dates: 2025-01-01, 2025-01-02")
                .contains("VaR 99% exception dates: 2025-01-02");
        JsonNode results = JsonCodec.tree(Files.readAllBytes(json)).get("results");
        assertThat(results.get(0).get("trafficLight").get("method").asText()).isEqualTo("BINOMIAL");
        assertThat(results.get(1).get("trafficLight").get("method").asText()).isEqualTo("BASEL");
    }

    @Test
    void dates_in_only_one_file_are_counted_listed_and_skipped() throws IOException {
        // P&L for days 0-259, VaR for days 3-259 and 260-261: 3 P&L days and 2 VaR days have no partner.
        Path pnl = pnl(260, Set.of(100));
        Path var = var(259, 3);

        assertThat(nightshift("backtest", "--pnl", pnl.toString(), "--var", var.toString())).as(errors()).isZero();

        assertThat(output()).contains("skipped 3 P&L dates without a VaR forecast: 2025-01-01, 2025-01-02, 2025-01-03")
                .contains("skipped 2 VaR dates without a P&L: 2025-09-18, 2025-09-19")
                .containsPattern("observations\\s+257");
    }

    @Test
    void fewer_than_250_days_are_flagged() throws IOException {
        assertThat(nightshift("backtest", "--pnl", pnl(100, Set.of(5)).toString(), "--var", var(100, 0).toString()))
                .as(errors()).isZero();

        assertThat(output()).containsPattern("traffic-light days\\s+100 \\(fewer than 250\\)")
                .contains("the traffic light is computed on 100 days, fewer than 250 days")
                .containsPattern("zone\\s+GREEN");
    }

    @Test
    void a_single_var_column_is_tested_at_the_given_confidence() throws IOException {
        Path json = work.resolve("c.json");

        assertThat(nightshift("backtest", "--pnl", pnl(250, Set.of(1, 2)).toString(), "--var", var(250, 0).toString(),
                "--confidence", "0.95", "--out", json.toString())).as(errors()).isZero();

        assertThat(output()).contains("VaR 95%").containsPattern("zone\\s+GREEN \\(binomial\\)")
                .containsPattern("plus factor\\s+-");
        assertThat(JsonCodec.tree(Files.readAllBytes(json)).get("results").get(0).get("expectedExceptions").asDouble())
                .isCloseTo(12.5, within(1e-9));
    }

    @Test
    void a_duplicate_date_fails_naming_file_and_line() throws IOException {
        Path pnl = Files.writeString(work.resolve("pnl.csv"), "date,pnl\n2025-01-01,1\n2025-01-02,2\n2025-01-01,3\n");

        assertThat(nightshift("backtest", "--pnl", pnl.toString(), "--var", var(2, 0).toString())).isEqualTo(1);

        assertThat(errors()).contains("nightshift backtest failed")
                .contains(pnl + ":4: duplicate date 2025-01-01, first seen on line 2");
    }

    @Test
    void a_var_that_is_not_positive_fails_naming_file_and_line() throws IOException {
        Path var = Files.writeString(work.resolve("var.csv"), "date,var\n2025-01-01,100\n2025-01-02,-5\n");

        assertThat(nightshift("backtest", "--pnl", pnl(2, Set.of()).toString(), "--var", var.toString())).isEqualTo(1);

        assertThat(errors()).contains(var + ":3: var '-5' is not positive");
    }

    @Test
    void an_unparsable_pnl_fails_naming_file_and_line() throws IOException {
        Path pnl = Files.writeString(work.resolve("pnl.csv"), "date,pnl\n2025-01-01,-12.5%\n");

        assertThat(nightshift("backtest", "--pnl", pnl.toString(), "--var", var(1, 0).toString())).isEqualTo(1);

        assertThat(errors()).contains(pnl + ":2: pnl '-12.5%' is not a decimal");
    }

    @Test
    void a_missing_file_fails_naming_the_option() throws IOException {
        assertThat(nightshift("backtest", "--pnl", work.resolve("nope.csv").toString(), "--var", var(1, 0).toString()))
                .isEqualTo(1);

        assertThat(errors()).contains("--pnl").contains("nope.csv");
    }

    @Test
    void a_confidence_outside_zero_and_one_fails() throws IOException {
        assertThat(nightshift("backtest", "--pnl", pnl(1, Set.of()).toString(), "--var", var(1, 0).toString(),
                "--confidence", "99")).isEqualTo(1);

        assertThat(errors()).contains("--confidence must lie strictly between 0 and 1, was 99.0");
    }

    @Test
    void a_missing_required_option_is_a_usage_error() {
        assertThat(nightshift("backtest", "--pnl", "p.csv")).isEqualTo(2);

        assertThat(errors()).contains("--var");
    }

    @Test
    void help_describes_the_inputs_and_the_default_confidence() {
        assertThat(nightshift("backtest", "--help")).isZero();

        assertThat(output()).contains("Usage: nightshift backtest", "--pnl", "--var", "--confidence", "--out",
                "(default: 0.99)", "date,var95,var99", "rejected at 5%)");
    }
}
