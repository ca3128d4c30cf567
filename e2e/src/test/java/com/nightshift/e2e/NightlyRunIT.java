package com.nightshift.e2e;

import com.nightshift.risk.var.PortfolioRiskDocument;
import com.nightshift.risk.var.VarPipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
    void each_reconciliation_report_states_the_known_counts_of_its_account(StackDriver stack) {
        for (SampleDataSet.AccountTruth truth : SAMPLE.accounts()) {
            HttpResponse<byte[]> response = stack.get("/reports/recon-" + DATE + "-" + truth.account());
            assertThat(response.statusCode()).as(truth.account()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/pdf"));
            String text = Pdf.text(response.body());
            assertThat(text).as(truth.account()).contains(truth.account());
            assertFigure(text, "Ledger items", truth.ledgerRows());
            assertFigure(text, "Statement items", truth.statementRows());
            assertFigure(text, "Matched", truth.matched());
            assertFigure(text, "Unmatched ledger items", truth.unmatchedLedger());
            assertFigure(text, "Unmatched statement items", truth.unmatchedStatement());
        }
    }

    @Test
    void each_risk_report_states_the_var_of_its_result(StackDriver stack) {
        for (String portfolio : SAMPLE.portfolios()) {
            PortfolioRiskDocument result = readPortfolio(stack.store().read(ObjectRef.of(
                    stack.outputs().stagingBucket(), "results/risk/" + DATE + "/" + portfolio + "/result.json")));
            double var = result.measures().var99();
            assertThat(var).as(portfolio + " VaR").isPositive();
            assertThat(result.measures().es99()).as(portfolio + " ES").isGreaterThanOrEqualTo(var);

            HttpResponse<byte[]> response = stack.get("/reports/risk-" + DATE + "-" + portfolio);
            assertThat(response.statusCode()).isEqualTo(200);
            String text = Pdf.text(response.body());
            assertThat(text).contains(portfolio).contains(String.format(java.util.Locale.ROOT, "%,.2f", var));
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
        assertThat(stack.get("/reports/recon-1999-01-01-NOPE").statusCode()).isEqualTo(404);
    }

    @Test
    void the_reporting_service_is_healthy(StackDriver stack) {
        assertThat(stack.get("/health").statusCode()).isEqualTo(200);
    }

    private static void assertFigure(String text, String label, int expected) {
        assertThat(text).as(label).containsPattern(Pattern.compile("(?m)^" + Pattern.quote(label) + "\\s+" + expected + "\\s*$"));
    }

    private static PortfolioRiskDocument readPortfolio(byte[] content) {
        try {
            return VarPipeline.readPortfolio(new java.io.ByteArrayInputStream(content));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
