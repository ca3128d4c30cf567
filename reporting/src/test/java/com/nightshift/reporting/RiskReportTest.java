package com.nightshift.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.nightshift.common.io.InputFile;
import com.nightshift.reporting.pdf.ReportDocument;
import com.nightshift.reporting.pdf.ReportSection;
import com.nightshift.risk.backtest.Backtest;
import com.nightshift.risk.backtest.BacktestObservation;
import com.nightshift.risk.backtest.BacktestResult;
import com.nightshift.risk.var.ComponentRisk;
import com.nightshift.risk.var.PnlHistogram;
import com.nightshift.risk.var.TailMeasures;
import com.nightshift.risk.var.VarManifest;
import com.nightshift.risk.var.VarReport;
import com.nightshift.risk.var.VarTimings;

/** The risk report of a date: every figure comes from the run's var.json. */
class RiskReportTest {

    private static final LocalDate DATE = LocalDate.of(2026, 11, 20);
    private static final Instant NOW = Instant.parse("2026-11-21T04:00:00Z");
    private static final String SHA = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    private static TailMeasures measures(double value, double var99) {
        return new TailMeasures(value, var99 * 0.7, var99 * 0.85, var99, var99 * 1.15, 11.0, 12.5, 21.25, 31.0,
                var99 * Math.sqrt(10), var99 * 1.15 * Math.sqrt(10));
    }

    static VarReport run() {
        List<Double> frequencies = new ArrayList<>(Collections.nCopies(PnlHistogram.BINS, 0.0));
        frequencies.set(0, 0.001);
        frequencies.set(24, 0.5);
        frequencies.set(25, 0.499);
        return new VarReport(100_000, 20261120L, "plain", 1, "lognormal", "interpolated", 20, DATE,
                measures(3_000_000.0, 45_678.901), Map.of("PF-GROWTH", measures(2_000_000.0, 40_000.0),
                        "PF-INCOME", measures(1_000_000.0, 9_000.0)),
                Map.of("PF-GROWTH", new ComponentRisk(30_000.0, 36_000.0, 39_000.5, 47_000.0),
                        "PF-INCOME", new ComponentRisk(2_000.0, 3_000.0, 6_678.401, 8_000.0)),
                new PnlHistogram(-100_000.0, 4_000.0, frequencies), new VarTimings(1, 2, 3),
                new VarManifest(DATE, List.of(InputFile.of("staged/positions/2026-11-20/p.csv", SHA)), "ewma", 0.94,
                        false, 0.0, "1.2.3"));
    }

    private static ReportDocument report(List<BacktestResult> backtests) {
        return RiskReport.compose(run(), backtests, "run-1", NOW);
    }

    @Test
    void var_and_es_of_the_book_and_each_portfolio_are_stated_with_their_standard_errors() {
        String text = RenderedText.of(report(List.of()));
        assertThat(text).contains("Market risk 2026-11-20")
                .containsPattern("(?m)^Book 3,000,000.00 45,678.90 21.25 52,530.74 31.00\\s*$")
                .containsPattern("(?m)^PF-GROWTH 2,000,000.00 40,000.00 21.25 46,000.00 31.00\\s*$")
                .containsPattern("(?m)^PF-INCOME 1,000,000.00 6,300.00 11.00 7,650.00 12.50\\s*$");
    }

    @Test
    void the_pnl_histogram_has_the_runs_bins_as_scenario_counts_with_var_and_es_marked() {
        ReportSection.Histogram histogram = RenderedText.section(report(List.of()), ReportSection.Histogram.class, "P&L");
        assertThat(histogram.bins()).hasSize(PnlHistogram.BINS);
        assertThat(histogram.bins().get(0)).isEqualTo(new ReportSection.Histogram.Bin(-100_000.0, -96_000.0, 100));
        assertThat(histogram.bins().get(24).count()).isEqualTo(50_000);
        assertThat(histogram.bins().get(49).to()).isEqualTo(100_000.0);
        assertThat(histogram.markers()).extracting(m -> m.label() + "=" + m.value()).containsExactly(
                "VaR 95%=" + -45_678.901 * 0.7, "ES 95%=" + -45_678.901 * 0.85, "VaR 99%=-45678.901",
                "ES 99%=" + -45_678.901 * 1.15);
    }

    @Test
    void adjacent_bins_share_their_edge_exactly_whatever_the_rounding_of_the_width() {
        VarReport base = run();
        VarReport awkward = new VarReport(base.scenarios(), base.seed(), base.method(), base.horizonDays(),
                base.returns(), base.revaluation(), base.replications(), base.businessDate(), base.book(),
                base.portfolios(), base.components(), new PnlHistogram(-12_345.678, 0.1, base.histogram().frequencies()),
                base.timings(), base.manifest());
        List<ReportSection.Histogram.Bin> bins = RiskReport.histogram(awkward).bins();
        for (int i = 1; i < bins.size(); i++) {
            assertThat(bins.get(i).from()).isEqualTo(bins.get(i - 1).to());
        }
    }

    @Test
    void component_var_is_a_bar_per_portfolio_and_the_contributions_are_tabled() {
        ReportDocument document = report(List.of());
        assertThat(RenderedText.section(document, ReportSection.BarChart.class, "Component VaR").bars())
                .containsExactly(new ReportSection.BarChart.Bar("PF-GROWTH", 39_000.5),
                        new ReportSection.BarChart.Bar("PF-INCOME", 6_678.401));
        assertThat(RenderedText.of(document)).containsPattern("(?m)^PF-GROWTH 30,000.00 36,000.00 39,000.50 47,000.00\\s*$");
    }

    @Test
    void the_method_seed_and_inputs_come_from_the_manifest() {
        assertThat(RenderedText.of(report(List.of())).replaceAll("\\s+", " ")).contains("Seed: 20261120").contains("Scenarios: 100,000")
                .contains("Method: plain").contains("EWMA (lambda 0.94)").contains("Code version: 1.2.3")
                .contains("staged/positions/2026-11-20/p.csv sha256 " + SHA);
    }

    @Test
    void without_a_backtest_history_the_report_says_there_is_no_traffic_light() {
        assertThat(RenderedText.of(report(List.of())).replaceAll("\\s+", " ")).contains("No backtest history was given");
    }

    @Test
    void with_a_backtest_history_the_traffic_light_is_shown() {
        List<BacktestObservation> days = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            days.add(new BacktestObservation(DATE.minusDays(250 - i), i % 40 == 0 ? -200.0 : 10.0, 100.0));
        }
        BacktestResult result = Backtest.run(days, 0.99);
        String text = RenderedText.of(report(List.of(result)));
        assertThat(result.exceptions()).isEqualTo(7);
        assertThat(text).containsPattern("(?m)^Traffic light \\(VaR 99%\\) YELLOW: 7 exceptions in the last 250 days\\s*$")
                .containsPattern("(?m)^Exceptions \\(VaR 99%\\) 7 \\(expected 2.50\\)\\s*$")
                .contains("Kupiec p-value (VaR 99%) " + Figures.percent(result.kupiecPof().pValue(), 2));
    }
}
