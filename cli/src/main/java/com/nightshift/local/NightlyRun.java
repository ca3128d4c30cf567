package com.nightshift.local;

import java.io.ByteArrayInputStream;

import com.nightshift.reconciliation.ReconciliationDocument;
import com.nightshift.reporting.NightSummary;
import com.nightshift.risk.var.TailMeasures;
import com.nightshift.risk.var.VarPipeline;
import com.nightshift.risk.var.VarReport;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.nightshift.common.job.ReportId;
import com.nightshift.common.job.ReportKind;
import com.nightshift.common.json.JsonCodec;
import com.nightshift.common.storage.StoredObject;

/**
 * {@code nightshift local}: one whole night on the local stack. Generates the sample inputs, uploads
 * them to the data bucket, waits until every report exists, copies results and PDFs to the output
 * directory (with the night summary's input as {@code night/<date>/night.json}), and prints a summary.
 */
final class NightlyRun {

    static final Duration NIGHT_TIMEOUT = Duration.ofMinutes(5);
    private static final List<String> OUTPUT_DIRECTORIES = List.of("reports", "results", "open-items", "rejects",
            "ingested", "night", "logs");

    private final Path projectRoot;
    private final Path out;
    private final PrintStream console;

    NightlyRun(Path projectRoot, Path out, PrintStream console) {
        this.projectRoot = projectRoot;
        this.out = out;
        this.console = console;
    }

    void run() throws IOException {
        clean();
        SampleDataSet sample = SampleDataSet.generate(20261120L);
        Instant started = Instant.now();
        try (LocalStack stack = LocalStack.start(projectRoot, out);
                StackDriver driver = StackDriver.local(stack)) {
            console.printf("local stack up in %d s; uploading %d files to s3://%s/inbound/%n",
                    Duration.between(started, Instant.now()).toSeconds(), sample.files().size(),
                    driver.outputs().dataBucket());
            printReportsAccess(stack);
            Instant uploaded = Instant.now();
            sample.files().forEach(driver::upload);
            List<String> reportKeys = sample.expectedReportIds().stream().map(id -> "reports/" + id + ".pdf").toList();
            driver.awaitObjects(driver.outputs().outputBucket(), reportKeys, uploaded, NIGHT_TIMEOUT);
            // A night runs as soon as one side is staged: the first report may show the ledger alone.
            for (SampleDataSet.AccountTruth account : sample.accounts()) {
                driver.awaitReconciliation(account.account(), SampleDataSet.BUSINESS_DATE, account.ledgerRows(),
                        account.statementRows(), NIGHT_TIMEOUT);
            }
            Duration night = Duration.between(uploaded, Instant.now());
            // Reports exist; give duplicate deliveries still in flight a moment to finish before stopping.
            // Not an error if some stay in flight: on a reused emulator, consumers of an earlier run
            // that were stopped mid long-poll can hold messages until their visibility timeout ends.
            if (!driver.awaitQuiet(Duration.ofSeconds(20))) {
                console.printf("note: %d messages still in flight; SQS redelivers them after their visibility timeout%n",
                        driver.backlog());
            }
            copyOutputs(driver);
            printSummary(driver, sample, night);
        }
    }

    /**
     * The reports API's address and a bearer token for it (valid 12 hours, signed with the stack's
     * token key), with a command that lists the reports: the API answers while the stack runs.
     */
    private void printReportsAccess(LocalStack stack) {
        String token = stack.reportsToken();
        console.printf("reports API at %s while the stack runs; bearer token (valid %d hours):%n", stack.reportingUri(),
                ReportsAccessToken.LOCAL_VALIDITY.toHours());
        console.println("  " + token);
        console.println("  " + ReportsAccessToken.curlLine(stack.reportingUri(), token));
    }

    private void clean() throws IOException {
        for (String directory : OUTPUT_DIRECTORIES) {
            Path path = out.resolve(directory);
            if (Files.exists(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
        Files.createDirectories(out);
    }

    private void copyOutputs(StackDriver driver) throws IOException {
        String staging = driver.outputs().stagingBucket();
        for (String prefix : List.of("results/", "open-items/", "rejects/", "ingested/")) {
            for (StoredObject object : driver.store().list(staging, prefix)) {
                write(out.resolve(object.ref().key()), driver.store().read(object.ref()));
            }
        }
        Map<String, Instant> reports = new LinkedHashMap<>();
        for (StoredObject object : driver.store().list(driver.outputs().outputBucket(), "reports/")) {
            write(out.resolve(object.ref().key()), driver.store().read(object.ref()));
            String name = object.ref().key().substring("reports/".length());
            reports.put(name.endsWith(".pdf") ? name.substring(0, name.length() - 4) : name, object.lastModified());
        }
        // The night summary's input as the reporting service built it, for bin/nightshift report --input.
        Map<String, Instant> staged = new LinkedHashMap<>();
        driver.store().list(staging, "").forEach(o -> staged.put(o.ref().key(), o.lastModified()));
        LocalDate date = SampleDataSet.BUSINESS_DATE;
        write(out.resolve("night/" + date + "/night.json"), NightSummary.write(NightSummary.fromObjects(date, staged,
                reports, ReportId.of(ReportKind.NIGHT, date).value())));
    }

    private static void write(Path path, byte[] content) throws IOException {
        Files.createDirectories(path.getParent());
        Files.write(path, content);
    }

    /** Reads the copies just made in the output directory, not the buckets a second time. */
    private void printSummary(StackDriver driver, SampleDataSet sample, Duration night) throws IOException {
        String date = SampleDataSet.BUSINESS_DATE.toString();
        console.println();
        console.printf("Nightshift local run, business date %s: all %d reports in %d s%n", date,
                sample.expectedReportIds().size(), night.toSeconds());
        console.println();
        console.println("Reconciliation      ledger  statement  matched  unmatched-ledger  unmatched-statement");
        for (SampleDataSet.AccountTruth account : sample.accounts()) {
            Path file = out.resolve("results/recon/" + date + "/" + account.account() + "/result.json");
            ReconciliationDocument.Counts counts;
            try (var in = Files.newInputStream(file)) {
                counts = ReconciliationDocument.read(file.toString(), in).counts();
            }
            console.printf("  %-16s %7d %10d %8d %17d %20d%n", account.account(), counts.ledgerRows(),
                    counts.statementRows(), counts.matched(), counts.unmatchedLedger(), counts.unmatchedStatement());
        }
        console.println();
        VarReport risk = VarPipeline.readReport(new ByteArrayInputStream(
                Files.readAllBytes(out.resolve("results/risk/" + date + "/" + VarPipeline.VAR_JSON))));
        console.printf("Risk (1-day Monte Carlo, %,d %s scenarios)%n", risk.scenarios(), risk.method());
        console.println("                          value         VaR 99%          ES 99%    VaR 99% std error");
        risk.portfolios().forEach((portfolio, m) -> console.printf("  %-14s %14.2f %15.2f %15.2f %20.2f%n", portfolio,
                m.value(), m.var99(), m.es99(), m.var99StdError()));
        TailMeasures book = risk.book();
        console.printf("  %-14s %14.2f %15.2f %15.2f %20.2f%n", "book", book.value(), book.var99(), book.es99(),
                book.var99StdError());
        console.println();
        int rejected = 0;
        try (Stream<Path> summaries = Files.list(out.resolve("ingested"))) {
            for (Path summary : summaries.toList()) {
                rejected += JsonCodec.tree(Files.readAllBytes(summary)).path("rowsRejected").asInt();
            }
        }
        console.printf("Rejected rows: %d (see %s)%n", rejected, out.resolve("rejects").toAbsolutePath());
        console.println();
        console.println("Reports:");
        List<String> lines = new ArrayList<>();
        for (String id : sample.expectedReportIds()) {
            lines.add(String.format("  %-32s %s  (served at %s/reports/%s while the stack ran)", id,
                    out.resolve("reports/" + id + ".pdf").toAbsolutePath(), driver.reportsEndpoint(), id));
        }
        lines.forEach(console::println);
    }

}
