package com.nightshift.reporting;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nightshift.reporting.pdf.ReportDocument;
import com.nightshift.reporting.pdf.ReportSection;
import com.nightshift.reporting.pdf.TableColumn;
import com.nightshift.risk.backtest.BacktestResult;
import com.nightshift.risk.var.PnlHistogram;
import com.nightshift.risk.var.TailMeasures;
import com.nightshift.risk.var.VarReport;

/**
 * The market-risk report of one business date, composed from the night's VaR run ({@code var.json}, the
 * typed {@link VarReport}): VaR and ES at 95% and 99% of the book and of each portfolio with their Monte
 * Carlo standard errors, the book's P&amp;L distribution as a histogram with VaR and ES marked, each
 * portfolio's Euler contribution to the book's VaR as a bar chart and in a table, the backtesting traffic
 * light when a backtest history is given, and the method, seed and inputs of the run from its manifest.
 * Amounts are in the book's currency; losses are positive.
 */
public final class RiskReport {

    private RiskReport() {
    }

    /**
     * The report of {@code run}.
     *
     * @param backtests the backtest of the VaR model at each level tested, none when there is no history
     */
    public static ReportDocument compose(VarReport run, List<BacktestResult> backtests, String runId,
            Instant generatedAt) {
        List<ReportSection> sections = new ArrayList<>();
        sections.add(levelTable(run, 95));
        sections.add(levelTable(run, 99));
        sections.add(histogram(run));
        if (!run.components().isEmpty()) {
            sections.add(new ReportSection.BarChart("Component VaR (99%) per portfolio", "contribution to the book's VaR 99%",
                    run.components().entrySet().stream().map(e -> new ReportSection.BarChart.Bar(e.getKey(),
                            e.getValue().var99())).toList()));
            List<List<String>> rows = new ArrayList<>();
            run.components().forEach((portfolio, c) -> rows.add(List.of(portfolio, Figures.money(c.var95()),
                    Figures.money(c.es95()), Figures.money(c.var99()), Figures.money(c.es99()))));
            sections.add(ReportSection.Table.of("Euler contributions to the book's VaR and ES (they add up to the book's)",
                    List.of(TableColumn.left("Portfolio"), TableColumn.right("VaR 95%"), TableColumn.right("ES 95%"),
                            TableColumn.right("VaR 99%"), TableColumn.right("ES 99%")), rows));
        }
        sections.add(backtesting(backtests));
        sections.add(ReportSection.paragraph("Method, seed and inputs", method(run)));
        return ReportDocument.of("Market risk " + run.businessDate(), List.of(
                "Business date " + run.businessDate() + ", " + Figures.count(run.portfolios().size()) + " portfolios;"
                        + " amounts in the book's currency, losses positive",
                "Monte Carlo VaR and ES by full revaluation over " + Figures.count(run.scenarios()) + " " + run.method()
                        + " scenarios, seed " + run.seed() + ", " + run.horizonDays() + "-day horizon;"
                        + " \u00b1 is the Monte Carlo standard error"),
                run.businessDate(), runId, generatedAt, sections);
    }

    private static ReportSection levelTable(VarReport run, int level) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(levelRow("Book", run.book(), level));
        run.portfolios().forEach((portfolio, m) -> rows.add(levelRow(portfolio, m, level)));
        String horizon = run.horizonDays() + "-day";
        return ReportSection.Table.of("Value at Risk and Expected Shortfall at " + level + "%, " + horizon,
                List.of(TableColumn.left(""), TableColumn.right("Value"), TableColumn.right("VaR " + level + "%"),
                        TableColumn.right("\u00b1"), TableColumn.right("ES " + level + "%"), TableColumn.right("\u00b1")),
                rows);
    }

    private static List<String> levelRow(String name, TailMeasures m, int level) {
        return level == 95
                ? List.of(name, Figures.money(m.value()), Figures.money(m.var95()), Figures.money(m.var95StdError()),
                        Figures.money(m.es95()), Figures.money(m.es95StdError()))
                : List.of(name, Figures.money(m.value()), Figures.money(m.var99()), Figures.money(m.var99StdError()),
                        Figures.money(m.es99()), Figures.money(m.es99StdError()));
    }

    /** The book's P&amp;L histogram: fractions of the scenarios become counts; VaR and ES marked at minus the loss. */
    static ReportSection.Histogram histogram(VarReport run) {
        PnlHistogram h = run.histogram();
        List<ReportSection.Histogram.Bin> bins = new ArrayList<>(h.frequencies().size());
        for (int i = 0; i < h.frequencies().size(); i++) {
            // Each edge computed once from its index, so that a bin ends exactly where the next one starts.
            bins.add(new ReportSection.Histogram.Bin(h.lower() + i * h.binWidth(), h.lower() + (i + 1) * h.binWidth(),
                    Math.round(h.frequencies().get(i) * run.scenarios())));
        }
        TailMeasures book = run.book();
        return new ReportSection.Histogram("P&L distribution of the book over the scenarios",
                "P&L, book currency (a loss is negative)", bins, List.of(
                        new ReportSection.Histogram.Marker("VaR 95%", -book.var95()),
                        new ReportSection.Histogram.Marker("ES 95%", -book.es95()),
                        new ReportSection.Histogram.Marker("VaR 99%", -book.var99()),
                        new ReportSection.Histogram.Marker("ES 99%", -book.es99())));
    }

    private static ReportSection backtesting(List<BacktestResult> backtests) {
        if (backtests.isEmpty()) {
            return ReportSection.paragraph("Backtesting", "No backtest history was given for this run, so there is no"
                    + " traffic light: it needs the P&L realised on earlier days against their VaR forecasts"
                    + " (bin/nightshift backtest).");
        }
        Map<String, String> figures = new LinkedHashMap<>();
        for (BacktestResult b : backtests) {
            String level = " (VaR " + Figures.level(b.confidence()) + ")";
            figures.put("Traffic light" + level, b.trafficLight().zone().name() + ": "
                    + Figures.count(b.trafficLight().windowExceptions())
                    + (b.trafficLight().windowExceptions() == 1 ? " exception" : " exceptions") + " in the last "
                    + Figures.count(b.trafficLight().windowObservations()) + " days"
                    + (b.trafficLight().fullWindow() ? "" : " (" + b.trafficLight().caveat() + ")"));
            figures.put("Days tested" + level, Figures.count(b.observations()) + ", " + b.firstDate() + " to "
                    + b.lastDate());
            figures.put("Exceptions" + level, Figures.count(b.exceptions()) + " (expected "
                    + String.format(java.util.Locale.ROOT, "%.2f", b.expectedExceptions()) + ")");
            figures.put("Kupiec p-value" + level, Figures.percent(b.kupiecPof().pValue(), 2)
                    + (b.kupiecPof().rejected() ? ", rejected at 5%" : ", not rejected at 5%"));
        }
        return ReportSection.keyFigures("Backtesting: the traffic light over the last 250 days", figures);
    }

    private static String method(VarReport run) {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("Method", run.method() + (run.method().equals("plain") ? ""
                : ", standard errors from " + run.replications() + " replicates"));
        lines.put("Scenarios", Figures.count(run.scenarios()));
        lines.put("Seed", Long.toString(run.seed()));
        lines.put("Horizon", run.horizonDays() + " trading day" + (run.horizonDays() == 1 ? "" : "s"));
        lines.put("Factor moves", run.returns() + ", revaluation " + run.revaluation());
        lines.put("Market", run.manifest().market().equals("ewma")
                ? "estimated by EWMA (lambda " + run.manifest().ewmaLambda() + ") from the price history"
                : "explicit (market.csv and corr.csv)" + (run.manifest().correlationRepaired()
                        ? ", correlation repaired to its nearest correlation matrix (largest change "
                                + run.manifest().correlationChange() + ")" : ""));
        lines.put("Code version", run.manifest().codeVersion());
        StringBuilder text = new StringBuilder();
        lines.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
        text.append("Inputs:");
        run.manifest().inputs().forEach(i -> text.append("\n  ").append(i.name()).append("  sha256 ").append(i.sha256()));
        return text.toString();
    }
}
