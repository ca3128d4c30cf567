package com.nightshift.e2e;

import com.nightshift.reconciliation.ReconciliationDocument;
import com.nightshift.reporting.Figures;
import com.nightshift.risk.var.TailMeasures;
import com.nightshift.risk.var.VarPipeline;
import com.nightshift.risk.var.VarReport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.nightshift.reporting.pdf.PdfArchiveCheck;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.nightshift.common.json.JsonCodec;
import com.nightshift.common.storage.ObjectRef;
import com.nightshift.local.SampleDataSet;
import com.nightshift.local.StackDriver;

/** One sample night through the production event path: upload, ingest, reconcile, compute risk, report. */
@ExtendWith(StackUnderTest.class)
class NightlyRunIT {

    private static final SampleDataSet SAMPLE = SampleDataSet.generate(20261120L);
    private static final String DATE = SampleDataSet.BUSINESS_DATE.toString();

    @BeforeAll
    static void runTheNight(StackDriver stack) {
        Instant uploaded = Instant.now();
        SAMPLE.files().forEach(stack::upload);
        List<String> reports = SAMPLE.expectedReportIds().stream().map(id -> "reports/" + id + ".pdf").toList();
        stack.awaitObjects(stack.outputs().outputBucket(), reports, uploaded, Duration.ofMinutes(4));
        // A night runs as soon as one side is staged, so a first report may show the ledger alone: wait for
        // the results with both files, then for their reports.
        for (SampleDataSet.AccountTruth truth : SAMPLE.accounts()) {
            stack.awaitReconciliation(truth.account(), SampleDataSet.BUSINESS_DATE, truth.ledgerRows(),
                    truth.statementRows(), Duration.ofMinutes(2));
        }
        stack.await("the reports of the final results", Duration.ofMinutes(2), () -> stack.backlog() == 0);
    }

    @Test
    void the_reconciliation_report_states_each_accounts_counts_and_totals_from_its_result(StackDriver stack) {
        HttpResponse<byte[]> response = stack.get("/reports/reconciliation-" + DATE);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/pdf"));
        String text = Pdf.text(response.body());
        assertThat(text).contains("Reconciliation " + DATE)
                .contains("Business date " + DATE + ", " + SAMPLE.accounts().size() + " accounts");
        for (SampleDataSet.AccountTruth truth : SAMPLE.accounts()) {
            ReconciliationDocument result = reconciliation(stack, truth.account());
            ReconciliationDocument.Counts counts = result.counts();
            assertThat(counts.ledgerRows()).as(truth.account()).isEqualTo(truth.ledgerRows());
            assertThat(counts.statementRows()).as(truth.account()).isEqualTo(truth.statementRows());
            assertThat(counts.matched()).as(truth.account()).isEqualTo(truth.matched());
            long withDifference = result.matches().stream()
                    .filter(m -> new java.math.BigDecimal(m.difference()).signum() != 0).count();
            assertThat(text).as(truth.account()).containsPattern(Pdf.line(truth.account(), Pdf.count(truth.ledgerRows()),
                    Pdf.count(truth.statementRows()), Pdf.count(counts.matchedByRule().get("exact")),
                    Pdf.count(counts.matchedByRule().get("tolerance")), Pdf.count(counts.matchedByRule().get("aggregate")),
                    Pdf.count(withDifference), Pdf.count(truth.unmatchedLedger()), Pdf.count(truth.unmatchedStatement())));
            for (ReconciliationDocument.Totals total : result.totals()) {
                assertThat(text).containsPattern(Pdf.line(truth.account(), total.currency(),
                        Figures.amount(total.ledger()), Figures.amount(total.statement()),
                        Figures.amount(total.difference())));
            }
            for (ReconciliationDocument.Item open : result.unmatchedStatement()) {
                assertThat(text).contains(truth.account() + " statement " + open.entryId());
            }
        }
    }

    @Test
    void the_risk_report_states_the_var_and_es_of_the_runs_var_json(StackDriver stack) {
        VarReport run = readVar(stack.store().read(ObjectRef.of(stack.outputs().stagingBucket(),
                "results/risk/" + DATE + "/" + VarPipeline.VAR_JSON)));
        assertThat(run.book().var99()).isPositive();
        assertThat(run.book().es99()).isGreaterThanOrEqualTo(run.book().var99());

        HttpResponse<byte[]> response = stack.get("/reports/risk-" + DATE);
        assertThat(response.statusCode()).isEqualTo(200);
        String text = Pdf.text(response.body());
        TailMeasures book = run.book();
        assertThat(text).contains("Market risk " + DATE)
                .containsPattern(Pdf.line("Book", Pdf.money(book.value()), Pdf.money(book.var99()),
                        Pdf.money(book.var99StdError()), Pdf.money(book.es99()), Pdf.money(book.es99StdError())))
                .contains("Seed: " + run.seed());
        for (String portfolio : SAMPLE.portfolios()) {
            TailMeasures m = run.portfolios().get(portfolio);
            assertThat(text).containsPattern(Pdf.line(portfolio, Pdf.money(m.value()), Pdf.money(m.var95()),
                    Pdf.money(m.var95StdError()), Pdf.money(m.es95()), Pdf.money(m.es95StdError())));
            assertThat(text).contains(portfolio + " " + Pdf.money(run.components().get(portfolio).var95()));
        }
    }

    @Test
    void the_night_summary_lists_the_inputs_jobs_and_reports_of_the_night_against_the_deadline(StackDriver stack) {
        HttpResponse<byte[]> response = stack.get("/reports/night-" + DATE);
        assertThat(response.statusCode()).isEqualTo(200);
        String text = Pdf.text(response.body());
        // 2026-11-20 is a Friday: its night ends on Monday at 09:30 in New York.
        assertThat(Pdf.flat(text)).contains("Night summary " + DATE)
                .contains("the deadline is 09:30 America/New_York on the next weekday after the business date")
                .contains("Monday 2026-11-23 09:30 EST (2026-11-23 14:30 UTC)")
                .contains("risk run (VaR and ES)").contains("reconciliation-" + DATE).contains("risk-" + DATE);
        for (SampleDataSet.AccountTruth truth : SAMPLE.accounts()) {
            assertThat(text).contains("reconciliation of " + truth.account())
                    .contains("ledger/" + truth.account() + "/" + DATE + "/");
        }
    }

    @Test
    void every_report_of_the_night_is_pdf_a_with_its_fonts_embedded_and_its_charts_drawn_as_vectors(StackDriver stack) {
        for (String id : SAMPLE.expectedReportIds()) {
            HttpResponse<byte[]> response = stack.get("/reports/" + id);
            assertThat(response.statusCode()).as(id).isEqualTo(200);
            PdfArchiveCheck.assertArchivable(response.body());
        }
    }

    @Test
    void the_report_index_lists_every_report_of_the_night(StackDriver stack) {
        HttpResponse<byte[]> response = stack.get("/reports");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode index = JsonCodec.tree(response.body());
        List<String> ids = index.findValuesAsText("id");
        assertThat(ids).containsAll(SAMPLE.expectedReportIds());
    }

    @Test
    void an_unknown_report_is_not_found(StackDriver stack) {
        assertThat(stack.get("/reports/reconciliation-1999-01-01").statusCode()).isEqualTo(404);
    }

    @Test
    void every_service_reports_its_business_metrics_in_the_namespace_of_its_task_definition(StackDriver stack)
            throws java.io.IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(stack.localStack().isPresent(),
                "the metrics of a deployed stack are in CloudWatch");
        com.nightshift.local.LocalStack local = stack.localStack().orElseThrow();
        java.util.Map<String, java.util.Set<String>> metricsByService = new java.util.TreeMap<>();
        for (String service : com.nightshift.local.LocalStack.SERVICES) {
            for (com.nightshift.local.ServiceProcess process : local.workers(service)) {
                for (String line : java.nio.file.Files.readAllLines(process.log())) {
                    if (!line.startsWith("{\"_aws\"")) {
                        continue;
                    }
                    JsonNode document = JsonCodec.tree(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    assertThat(document.at("/_aws/CloudWatchMetrics/0/Namespace").asText()).as(line)
                            .isEqualTo("Nightshift/local");
                    assertThat(document.get("Service").asText()).as(line).isEqualTo(service);
                    document.at("/_aws/CloudWatchMetrics/0/Metrics").forEach(m -> metricsByService
                            .computeIfAbsent(service, s -> new java.util.TreeSet<>()).add(m.get("Name").asText()));
                }
            }
        }
        assertThat(metricsByService.get("ingestion-service")).contains("RowsIngested", "RowsRejected", "JobLatency");
        assertThat(metricsByService.get("processing-service")).contains("Matches", "Breaks", "JobLatency");
        assertThat(metricsByService.get("risk-calculation")).contains("VarRunTime", "JobLatency");
        assertThat(metricsByService.get("reporting-service")).contains("ReportSecondsBeforeDeadline", "NightsCompleted",
                "SecondsBeforeDeadline", "JobLatency");
    }

    @Test
    void the_reporting_service_is_healthy(StackDriver stack) {
        assertThat(stack.get("/health").statusCode()).isEqualTo(200);
    }

    private static ReconciliationDocument reconciliation(StackDriver stack, String account) {
        String key = "results/recon/" + DATE + "/" + account + "/result.json";
        return ReconciliationDocument.read(key, new java.io.ByteArrayInputStream(stack.store().read(
                ObjectRef.of(stack.outputs().stagingBucket(), key))));
    }

    private static VarReport readVar(byte[] content) {
        try {
            return VarPipeline.readReport(new java.io.ByteArrayInputStream(content));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
