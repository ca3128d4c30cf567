package com.nightshift.stages;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.nightshift.common.json.JsonCodec;
import com.nightshift.common.manifest.InputObject;
import com.nightshift.common.manifest.ManifestSigner;
import com.nightshift.common.manifest.ResultManifest;
import com.nightshift.risk.backtest.BacktestHistory;
import com.nightshift.risk.backtest.BacktestInputs;
import com.nightshift.risk.backtest.BacktestResult;
import com.nightshift.risk.backtest.LikelihoodRatioTest;
import com.nightshift.risk.backtest.TrafficLightAssessment;

/**
 * {@code nightshift backtest --pnl FILE --var FILE [--confidence C] [--out FILE]}: a VaR model's daily
 * forecasts against the P&amp;L that followed, with the risk engine's {@link com.nightshift.risk.backtest.Backtest}.
 * Prints a summary table, one column per VaR level; with {@code --out}, writes the {@link Report} as
 * JSON. A model that fails its tests is a result, not an error: only bad input fails the command.
 */
public final class BacktestStage {

    /** How many dates of one file only the summary names before it only counts the rest. */
    static final int LISTED_DATES = 5;

    private BacktestStage() {
    }

    /**
     * The parameters of one run.
     *
     * @param confidence the level of a {@code var} column
     * @param confidenceGiven whether the user chose {@code confidence} (then a file that names its levels is told so)
     * @param out where the JSON report goes, if anywhere
     */
    public record Options(Path pnl, Path var, double confidence, boolean confidenceGiven, Optional<Path> out) {
    }

    /**
     * The JSON document of a backtest.
     *
     * @param pnlFile      the P&amp;L file as given
     * @param varFile      the VaR file as given
     * @param pnlOnlyDates dates with a P&amp;L but no VaR forecast, skipped
     * @param varOnlyDates dates with a VaR forecast but no P&amp;L, skipped
     * @param results      one backtest per VaR column, in the file's column order
     * @param manifest     the inputs with their checksums, and the parameters
     */
    public record Report(String pnlFile, String varFile, List<LocalDate> pnlOnlyDates, List<LocalDate> varOnlyDates,
                         List<BacktestResult> results, ResultManifest manifest) {

        public Report {
            pnlOnlyDates = List.copyOf(pnlOnlyDates);
            varOnlyDates = List.copyOf(varOnlyDates);
            results = List.copyOf(results);
        }
    }

    public static Report run(Options options, Map<String, String> environment, PrintStream console) throws IOException {
        if (!(options.confidence() > 0 && options.confidence() < 1)) {
            throw new IllegalArgumentException("--confidence must lie strictly between 0 and 1, was " + options.confidence());
        }
        byte[] pnl = Files.readAllBytes(LocalInputs.existing(options.pnl(), "--pnl"));
        byte[] var = Files.readAllBytes(LocalInputs.existing(options.var(), "--var"));
        String pnlName = options.pnl().toString();
        String varName = options.var().toString();
        BacktestHistory history = BacktestInputs.read(pnlName, new ByteArrayInputStream(pnl), varName,
                new ByteArrayInputStream(var), options.confidence());
        boolean namedLevels = history.series().stream().noneMatch(s -> s.column().equals("var"));
        if (options.confidenceGiven() && namedLevels) {
            console.printf("note: --confidence does not apply: %s names the level of each column (%s)%n", varName,
                    history.series().stream().map(BacktestHistory.Series::column).collect(Collectors.joining(", ")));
        }
        List<BacktestResult> results = history.backtest();

        Map<String, String> parameters = new TreeMap<>();
        parameters.put("levels", results.stream().map(r -> Double.toString(r.confidence())).collect(Collectors.joining(",")));
        parameters.put("exception", "pnl < -var");
        parameters.put("trafficLightWindowDays", Integer.toString(TrafficLightAssessment.WINDOW));
        ResultManifest manifest = ResultManifest.unsigned(List.of(
                new InputObject("", options.pnl().toAbsolutePath().toString(), "", ManifestSigner.sha256(pnl)),
                new InputObject("", options.var().toAbsolutePath().toString(), "", ManifestSigner.sha256(var))),
                parameters, Instant.now());
        String key = environment.getOrDefault(ManifestSigner.KEY_VARIABLE, "");
        if (!key.isBlank()) {
            manifest = ManifestSigner.withKey(key).sign(manifest);
        }
        Report report = new Report(pnlName, varName, history.pnlOnlyDates(), history.varOnlyDates(), results, manifest);

        print(report, console);
        if (options.out().isPresent()) {
            Path file = options.out().get();
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, JsonCodec.writeBytes(report));
            console.println("result in " + file.toAbsolutePath());
        }
        return report;
    }

    /** The summary: what was joined, a table with one column per VaR level, then the exception dates. */
    static void print(Report report, PrintStream console) {
        List<BacktestResult> results = report.results();
        BacktestResult first = results.get(0);
        console.printf("backtest of %s against %s: %s to %s%n", report.pnlFile(), report.varFile(), first.firstDate(),
                first.lastDate());
        skipped(console, report.pnlOnlyDates(), "P&L date", "without a VaR forecast");
        skipped(console, report.varOnlyDates(), "VaR date", "without a P&L");
        console.println();

        List<String[]> rows = new ArrayList<>();
        rows.add(row("", results, r -> "VaR " + percent(r.confidence())));
        rows.add(row("observations", results, r -> Integer.toString(r.observations())));
        rows.add(row("exceptions", results, r -> Integer.toString(r.exceptions())));
        rows.add(row("expected", results, r -> format("%.2f", r.expectedExceptions())));
        rows.add(row("exception rate", results, r -> format("%.2f%%", 100 * r.exceptionRate())));
        addTest(rows, "LR_pof (Kupiec)", results, BacktestResult::kupiecPof);
        addTest(rows, "LR_ind (Christoffersen)", results, BacktestResult::christoffersenIndependence);
        addTest(rows, "LR_cc (conditional coverage)", results, BacktestResult::conditionalCoverage);
        rows.add(row("traffic-light days", results, r -> r.trafficLight().windowObservations()
                + (r.trafficLight().fullWindow() ? "" : " (fewer than " + TrafficLightAssessment.WINDOW + ")")));
        rows.add(row("traffic-light exceptions", results, r -> Integer.toString(r.trafficLight().windowExceptions())));
        rows.add(row("zone", results, r -> r.trafficLight().zone().name()
                + (r.trafficLight().method() == TrafficLightAssessment.Method.BASEL ? "" : " (binomial)")));
        rows.add(row("plus factor", results, r -> r.trafficLight().plusFactor() == null ? "-"
                : format("%.2f", r.trafficLight().plusFactor())));
        int labelWidth = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-" + labelWidth + "s", row[0]));
            for (int i = 1; i < row.length; i++) {
                line.append(String.format(Locale.ROOT, "  %20s", row[i]));
            }
            console.println(line.toString().stripTrailing());
        }
        console.println();
        for (BacktestResult r : results) {
            if (!r.trafficLight().fullWindow()) {
                console.printf("VaR %s: the traffic light is computed on %d days, %s%n", percent(r.confidence()),
                        r.trafficLight().windowObservations(), r.trafficLight().caveat());
            }
            if (r.trafficLight().method() == TrafficLightAssessment.Method.BINOMIAL) {
                console.printf("VaR %s: the Basel zones are defined at 99%%; this zone is by the binomial probability"
                        + " of at most %d exceptions, %.4f%%%n", percent(r.confidence()),
                        r.trafficLight().windowExceptions(), 100 * r.trafficLight().cumulativeProbability());
            }
            console.printf("VaR %s exception dates: %s%n", percent(r.confidence()), r.exceptionDates().isEmpty() ? "none"
                    : r.exceptionDates().stream().map(LocalDate::toString).collect(Collectors.joining(", ")));
        }
    }

    private static void skipped(PrintStream console, List<LocalDate> dates, String what, String why) {
        if (dates.isEmpty()) {
            return;
        }
        String listed = dates.stream().limit(LISTED_DATES).map(LocalDate::toString).collect(Collectors.joining(", "));
        console.printf("skipped %d %s%s %s: %s%s%n", dates.size(), what, dates.size() == 1 ? "" : "s", why, listed,
                dates.size() > LISTED_DATES ? ", ..." : "");
    }

    private static void addTest(List<String[]> rows, String label, List<BacktestResult> results,
                                Function<BacktestResult, LikelihoodRatioTest> test) {
        rows.add(row(label, results, r -> format("%.4f", test.apply(r).statistic())));
        rows.add(row("  p-value", results, r -> pValue(test.apply(r).pValue())
                + (test.apply(r).rejected() ? " (reject)" : " (accept)")));
    }

    private static String[] row(String label, List<BacktestResult> results, Function<BacktestResult, String> cell) {
        String[] row = new String[results.size() + 1];
        row[0] = label;
        for (int i = 0; i < results.size(); i++) {
            row[i + 1] = cell.apply(results.get(i));
        }
        return row;
    }

    /** Four decimals; a p-value too small for them is shown as such rather than as zero. */
    private static String pValue(double p) {
        return p < 0.00005 ? "<0.0001" : format("%.4f", p);
    }

    private static String percent(double confidence) {
        return BigDecimal.valueOf(confidence).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    private static String format(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }
}
