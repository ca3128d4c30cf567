package com.nightshift.reporting.service;

import java.util.LinkedHashMap;

import com.fasterxml.jackson.databind.JsonNode;

import com.nightshift.common.metrics.BusinessMetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.nightshift.common.aws.AwsClients;
import com.nightshift.common.emulator.LocalAws;
import com.nightshift.common.io.DocumentJson;
import com.nightshift.common.io.InputFile;
import com.nightshift.common.job.ReportId;
import com.nightshift.common.job.ReportJob;
import com.nightshift.common.job.ReportKind;
import com.nightshift.common.json.JsonCodec;
import com.nightshift.common.manifest.InputObject;
import com.nightshift.common.manifest.ResultManifest;
import com.nightshift.common.notify.JobNotifications;
import com.nightshift.common.storage.ObjectRef;
import com.nightshift.common.storage.ObjectStore;
import com.nightshift.common.trace.JobTrace;
import com.nightshift.common.worker.JobMessage;
import com.nightshift.reconciliation.ReconciliationDocument;
import com.nightshift.risk.var.ComponentRisk;
import com.nightshift.risk.var.PnlHistogram;
import com.nightshift.risk.var.TailMeasures;
import com.nightshift.risk.var.VarManifest;
import com.nightshift.risk.var.VarReport;
import com.nightshift.risk.var.VarTimings;

import software.amazon.awssdk.services.s3.S3Client;

/** Report jobs against S3 semantics (the moto emulator): one report of each kind per date, from all of its results. */
class ReportConsumerTest {

    private static final LocalDate DATE = LocalDate.of(2026, 11, 20);

    @RegisterExtension
    static final LocalAws AWS = new LocalAws();
    private static S3Client s3;
    private static ObjectStore store;
    private static int buckets;

    private String staging;
    private String output;
    private final List<String> metrics = new ArrayList<>();

    @BeforeAll
    static void clients() {
        s3 = AWS.client(AwsClients::s3);
        store = new ObjectStore(s3);
    }

    @BeforeEach
    void freshBuckets() {
        buckets++;
        staging = "staging-" + buckets;
        output = "output-" + buckets;
        s3.createBucket(b -> b.bucket(staging));
        s3.createBucket(b -> b.bucket(output));
    }

    private static ReconciliationDocument account(String account, LocalDate date, long ledgerRows) {
        return new ReconciliationDocument(account, date, List.of("exact"),
                new ReconciliationDocument.Counts(ledgerRows, 3, 2, Map.of("exact", 2L), ledgerRows - 2, 1, 0),
                List.of(new ReconciliationDocument.Totals("USD", "-300.00", "-290.00", "10.00")), List.of(),
                List.of(), List.of(new ReconciliationDocument.Item("S-" + account, date, date, "10.00", "USD", "Bank",
                        "FEE-" + account, "fee", date, 0)),
                new ResultManifest(List.of(new InputObject("staging", "staged/ledger/x.csv", "e", "ab")), Map.of(),
                        "1", Instant.parse("2026-11-21T01:00:00Z"), "5ig"));
    }

    private void putResult(ReconciliationDocument document) {
        store.put(ObjectRef.of(staging, "results/recon/" + document.businessDate() + "/" + document.account()
                + "/result.json"), ReconciliationDocument.write(document), "application/json");
    }

    private static VarReport run() {
        List<Double> frequencies = new ArrayList<>(Collections.nCopies(PnlHistogram.BINS, 0.0));
        frequencies.set(25, 1.0);
        TailMeasures book = new TailMeasures(3_000_000.0, 30_000.0, 35_000.0, 45_678.91, 52_000.0, 10, 11, 12, 13,
                144_000.0, 164_000.0);
        return new VarReport(10_000, 7L, "plain", 1, "lognormal", "interpolated", 20, DATE, book,
                Map.of("PF-GROWTH", book), Map.of("PF-GROWTH", new ComponentRisk(30_000.0, 35_000.0, 45_678.91, 52_000.0)),
                new PnlHistogram(-50_000.0, 2_000.0, frequencies), new VarTimings(1, 2, 3),
                new VarManifest(DATE, List.of(InputFile.of("staged/positions/2026-11-20/p.csv",
                        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")), "ewma", 0.94, false, 0.0,
                        "1"));
    }

    private ReportConsumer consumer(ReportStore reports) {
        return new ReportConsumer(store, reports, new NightCompletion(store, output,
                new JobNotifications(null, "", java.time.Clock.systemUTC()), metricsOf(metrics)), metricsOf(metrics),
                "unused", staging);
    }

    private static BusinessMetrics metricsOf(List<String> lines) {
        return BusinessMetrics.to(lines::add, "Nightshift/test", "reporting-service", java.time.Clock.systemUTC());
    }

    private void handle(ReportConsumer consumer, ReportJob job) {
        consumer.handle(new JobMessage("m", JsonCodec.write(job), 1, JobTrace.none()));
    }

    private ReportJob job(ReportKind kind) {
        return ReportJob.of("job-1", ReportId.of(kind, DATE), staging);
    }

    private String report(String id) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(store.read(ObjectRef.of(output, "reports/" + id + ".pdf")))) {
            return new PDFTextStripper().getText(pdf);
        }
    }

    @Test
    void a_reconciliation_job_renders_the_report_of_its_date_from_every_account_result_of_that_date() throws Exception {
        putResult(account("ACC-1", DATE, 5));
        putResult(account("ACC-2", DATE, 7));
        putResult(account("ACC-OLD", DATE.minusDays(1), 9));

        handle(consumer(new ReportStore(store, output)), job(ReportKind.RECONCILIATION));

        String text = report("reconciliation-2026-11-20");
        assertThat(text).contains("Business date 2026-11-20, 2 accounts").containsPattern("(?m)^ACC-1 5 3 2 0 3 1\\s*$")
                .containsPattern("(?m)^ACC-2 7 3 2 0 5 1\\s*$").doesNotContain("ACC-OLD");
    }

    @Test
    void every_report_of_a_date_renders_the_night_summary_again_with_the_other_reports_ids() throws Exception {
        putResult(account("ACC-1", DATE, 5));
        store.put(ObjectRef.of(staging, "results/risk/2026-11-20/var.json"), DocumentJson.bytes(run()), "application/json");
        store.put(ObjectRef.of(staging, "staged/ledger/ACC-1/2026-11-20/gl.csv"), "x".getBytes(StandardCharsets.UTF_8),
                "text/csv");
        ReportConsumer consumer = consumer(new ReportStore(store, output));

        handle(consumer, job(ReportKind.RECONCILIATION));
        handle(consumer, job(ReportKind.RISK));

        String night = report("night-2026-11-20");
        assertThat(night).contains("Night summary 2026-11-20").contains("ledger/ACC-1/2026-11-20/gl.csv")
                .contains("reconciliation of ACC-1").contains("risk run (VaR and ES)")
                .contains("reconciliation-2026-11-20").contains("risk-2026-11-20")
                .contains("Monday 2026-11-23 09:30 EST");
    }

    @Test
    void each_stored_report_reports_its_seconds_before_the_deadline_of_its_night_by_kind() throws Exception {
        store.put(ObjectRef.of(staging, "results/risk/2026-11-20/var.json"), DocumentJson.bytes(run()), "application/json");
        long deadline = Instant.parse("2026-11-23T14:30:00Z").getEpochSecond();
        long before = Instant.now().getEpochSecond();

        handle(consumer(new ReportStore(store, output)), job(ReportKind.RISK));

        long after = Instant.now().getEpochSecond();
        Map<String, Long> byKind = new LinkedHashMap<>();
        for (String line : metrics) {
            JsonNode document = JsonCodec.tree(line.getBytes(StandardCharsets.UTF_8));
            byKind.put(document.get("ReportKind").asText(), document.get("ReportSecondsBeforeDeadline").asLong());
        }
        assertThat(byKind).containsOnlyKeys("RISK", "NIGHT");
        assertThat(byKind.values()).allSatisfy(seconds -> assertThat(seconds).isBetween(deadline - after - 1, deadline - before));
    }

    @Test
    void a_night_job_renders_the_night_summary_alone() throws Exception {
        store.put(ObjectRef.of(staging, "staged/positions/2026-11-20/p.csv"), "x".getBytes(StandardCharsets.UTF_8),
                "text/csv");

        handle(consumer(new ReportStore(store, output)), job(ReportKind.NIGHT));

        assertThat(store.list(output, "reports/")).extracting(o -> o.ref().key()).containsExactly("reports/night-2026-11-20.pdf");
        assertThat(report("night-2026-11-20")).contains("positions/2026-11-20/p.csv").contains("Jobs finished 0");
    }

    @Test
    void a_risk_job_renders_the_risk_report_of_its_date_from_var_json() throws Exception {
        store.put(ObjectRef.of(staging, "results/risk/2026-11-20/var.json"), DocumentJson.bytes(run()), "application/json");

        handle(consumer(new ReportStore(store, output)), job(ReportKind.RISK));

        assertThat(report("risk-2026-11-20")).contains("Market risk 2026-11-20")
                .containsPattern("(?m)^Book 3,000,000.00 45,678.91 12.00 52,000.00 13.00\\s*$");
    }

    @Test
    void an_account_result_written_while_the_report_renders_is_in_the_stored_report() throws Exception {
        putResult(account("ACC-1", DATE, 5));
        // Another account's reconciliation finishes while the first rendering is being saved.
        ReportStore racing = new ReportStore(store, output) {
            private boolean raced;

            @Override
            public void save(String reportId, byte[] pdf) {
                if (!raced && reportId.startsWith("reconciliation-")) {
                    raced = true;
                    putResult(account("ACC-2", DATE, 7));
                }
                super.save(reportId, pdf);
            }
        };

        handle(consumer(racing), job(ReportKind.RECONCILIATION));

        assertThat(report("reconciliation-2026-11-20")).contains("2 accounts").contains("ACC-2");
    }

    @Test
    void a_result_with_a_renamed_field_fails_the_job_naming_the_object_and_the_field() {
        String renamed = new String(ReconciliationDocument.write(account("ACC-1", DATE, 5)), StandardCharsets.UTF_8)
                .replace("\"totals\"", "\"sums\"");
        store.put(ObjectRef.of(staging, "results/recon/2026-11-20/ACC-1/result.json"),
                renamed.getBytes(StandardCharsets.UTF_8), "application/json");

        assertThatThrownBy(() -> handle(consumer(new ReportStore(store, output)), job(ReportKind.RECONCILIATION)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("results/recon/2026-11-20/ACC-1/result.json").hasMessageContaining("missing field 'totals'");
        assertThat(store.list(output, "reports/")).isEmpty();
    }

    @Test
    void a_risk_job_without_var_json_fails_naming_what_is_missing() {
        assertThatThrownBy(() -> handle(consumer(new ReportStore(store, output)), job(ReportKind.RISK)))
                .hasMessageContaining("no results/risk/2026-11-20/var.json");
    }

    @Test
    void a_job_whose_location_or_kind_does_not_fit_its_report_id_is_refused() {
        ReportConsumer consumer = consumer(new ReportStore(store, output));
        assertThatThrownBy(() -> handle(consumer, new ReportJob("j", ReportKind.RISK, staging,
                "results/risk/2026-11-20/PF-1/result.json", "risk-2026-11-20")))
                .hasMessageContaining("is rendered from results/risk/2026-11-20/var.json");
        assertThatThrownBy(() -> handle(consumer, new ReportJob("j", ReportKind.RISK, staging,
                "results/recon/2026-11-20/", "reconciliation-2026-11-20"))).hasMessageContaining("not of kind RISK");
        assertThatThrownBy(() -> handle(consumer, new ReportJob("j", ReportKind.RISK, "elsewhere",
                "results/risk/2026-11-20/var.json", "risk-2026-11-20"))).hasMessageContaining("not elsewhere");
    }
}
