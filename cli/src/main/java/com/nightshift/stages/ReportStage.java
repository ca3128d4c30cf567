package com.nightshift.stages;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.nightshift.common.io.DocumentJson;
import com.nightshift.common.job.ReportId;
import com.nightshift.common.job.ReportKind;
import com.nightshift.common.json.JsonCodec;
import com.nightshift.reconciliation.ReconciliationDocument;
import com.nightshift.reporting.NightReport;
import com.nightshift.reporting.NightSummary;
import com.nightshift.reporting.ReconciliationReport;
import com.nightshift.reporting.RiskReport;
import com.nightshift.reporting.pdf.ReportDocument;
import com.nightshift.reporting.pdf.ReportPreview;
import com.nightshift.reporting.pdf.ReportRenderer;
import com.nightshift.risk.backtest.BacktestResult;
import com.nightshift.risk.var.VarPipeline;
import com.nightshift.risk.var.VarReport;

/**
 * {@code nightshift report --input DIR --out FILE.pdf}: renders the report the reporting service would
 * render from the result files in {@code DIR}, the kind told by what the folder holds:
 *
 * <ul>
 *   <li>{@code <account>/result.json} files (as {@code reconcile} and the service write them): the
 *       reconciliation report of their business date;
 *   <li>{@code var.json} (as {@code var --out} writes it), with {@code backtest.json} beside it if there is
 *       one (as {@code backtest --out} writes it): the risk report, with the traffic light from the backtest;
 *   <li>{@code night.json} (a {@link NightSummary}): the night summary.
 * </ul>
 *
 * Every file is read as its typed record, so a missing or renamed field fails naming the file and the
 * field. A folder with none of these, or with both {@code var.json} and {@code night.json}, is an error.
 * Beside {@code var.json}, {@code <portfolio>/result.json} files are the portfolios' results that
 * {@code var --out} writes, not reconciliations.
 */
public final class ReportStage {

    static final String VAR_JSON = VarPipeline.VAR_JSON;
    static final String BACKTEST_JSON = "backtest.json";
    static final String NIGHT_JSON = "night.json";
    static final String RESULT_JSON = "result.json";
    /** Resolution of {@code --preview}: an A4 page becomes 827 × 1170 pixels. */
    static final int PREVIEW_DPI = 100;

    private ReportStage() {
    }

    /** Renders the report of {@code input} to {@code pdf}, and its first page to {@code preview} if given; its id. */
    public static ReportId run(Path input, Path pdf, Optional<Path> preview, PrintStream console) throws IOException {
        if (!Files.isDirectory(input)) {
            throw new IllegalArgumentException("--input " + input + " is not a folder");
        }
        Path var = input.resolve(VAR_JSON);
        Path night = input.resolve(NIGHT_JSON);
        boolean risk = Files.isRegularFile(var);
        boolean nightly = Files.isRegularFile(night);
        if (risk && nightly) {
            throw new IllegalArgumentException("--input " + input + " holds both " + VAR_JSON + " and " + NIGHT_JSON
                    + "; give a folder with one kind of result");
        }
        // Beside var.json, <portfolio>/result.json are the portfolios' own results, not reconciliations.
        List<Path> accounts = risk || nightly ? List.of() : accountResults(input);
        if (!risk && !nightly && accounts.isEmpty()) {
            throw new IllegalArgumentException("--input " + input + " holds nothing to report: no <account>/"
                    + RESULT_JSON + " (reconciliation), no " + VAR_JSON + " (risk) and no " + NIGHT_JSON
                    + " (night summary)");
        }
        String runId = "local-" + input.toAbsolutePath().normalize().getFileName();
        Instant now = Instant.now();
        ReportDocument document;
        ReportId id;
        if (!accounts.isEmpty()) {
            List<ReconciliationDocument> documents = new ArrayList<>();
            for (Path file : accounts) {
                try (InputStream in = Files.newInputStream(file)) {
                    documents.add(ReconciliationDocument.read(file.toString(), in));
                }
            }
            LocalDate date = businessDate(documents, input);
            id = ReportId.of(ReportKind.RECONCILIATION, date);
            document = ReconciliationReport.compose(date, documents, runId, now);
        } else if (risk) {
            VarReport run = varReport(var);
            id = ReportId.of(ReportKind.RISK, run.businessDate());
            document = RiskReport.compose(run, backtests(input.resolve(BACKTEST_JSON)), runId, now);
        } else {
            NightSummary summary;
            try (InputStream in = Files.newInputStream(night)) {
                summary = NightSummary.read(night.toString(), in);
            }
            id = ReportId.of(ReportKind.NIGHT, summary.businessDate());
            document = NightReport.compose(summary, runId, now);
        }
        Path parent = pdf.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        byte[] rendered = new ReportRenderer().render(document);
        Files.write(pdf, rendered);
        console.println("report " + id + " written to " + pdf.toAbsolutePath());
        if (preview.isPresent()) {
            Path png = preview.get().toAbsolutePath();
            if (png.getParent() != null) {
                Files.createDirectories(png.getParent());
            }
            Files.write(png, ReportPreview.firstPage(rendered, PREVIEW_DPI));
            console.println("first page of " + id + " written to " + png);
        }
        return id;
    }

    /** {@code DIR/<account>/result.json}, sorted. */
    private static List<Path> accountResults(Path input) throws IOException {
        try (Stream<Path> folders = Files.list(input)) {
            return folders.filter(Files::isDirectory).map(f -> f.resolve(RESULT_JSON)).filter(Files::isRegularFile)
                    .sorted().toList();
        }
    }

    private static LocalDate businessDate(List<ReconciliationDocument> documents, Path input) {
        Set<LocalDate> dates = new TreeSet<>();
        documents.forEach(d -> dates.add(d.businessDate()));
        if (dates.size() > 1) {
            throw new IllegalArgumentException("--input " + input + " holds reconciliation results of several business"
                    + " dates " + dates + "; a report is of one date");
        }
        return dates.iterator().next();
    }

    private static VarReport varReport(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return VarPipeline.readReport(in);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(file + " is not a VaR run (var.json): " + DocumentJson.problem(e), e);
        }
    }

    /** The backtests of {@code backtest.json} if the folder has one; none otherwise. */
    private static List<BacktestResult> backtests(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return JsonCodec.read(Files.readAllBytes(file), BacktestStage.Report.class).results();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is not a backtest result (backtest --out): " + e.getMessage(), e);
        }
    }
}
