package com.nightshift.reporting.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.nightshift.common.json.JsonCodec;
import com.nightshift.reporting.pdf.ReportRenderer;

/** Every figure on a report comes from its result document. */
class ReportComposerTest {

    private static final Instant NOW = Instant.parse("2026-11-21T04:00:00Z");

    private static JsonNode json(String text) {
        return JsonCodec.tree(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    @Test
    void reconciliation_report_states_the_counts_and_lists_every_break() throws Exception {
        JsonNode result = json("""
                {"account":"ACC-9","businessDate":"2026-11-20","rules":["exact","tolerance","aggregate"],
                 "counts":{"ledgerRows":3,"statementRows":2,"matched":1,"matchedByRule":{"aggregate":0,"exact":1,"tolerance":0},
                           "unmatchedLedger":2,"unmatchedStatement":1},
                 "totals":[{"currency":"EUR","ledger":"30.00","statement":"15.00","difference":"-15.00"}],
                 "unmatchedLedger":[{"entryId":"L-2","valueDate":"2026-11-20","amount":"10.00","currency":"EUR","reference":"R2","counterparty":"X"},
                                    {"entryId":"L-3","valueDate":"2026-11-20","amount":"15.00","currency":"EUR","reference":"R3","counterparty":"Y"}],
                 "unmatchedStatement":[{"entryId":"S-9","valueDate":"2026-11-20","amount":"10.00","currency":"EUR","reference":"FEE","counterparty":"Bank"}],
                 "manifest":{"inputs":[],"codeVersion":"1","createdAt":"2026-11-21T03:00:00Z","signature":"ab"}}
                """);
        String text = text(new ReportRenderer().render(ReportComposer.reconciliation(result, NOW)));
        assertThat(text).contains("Reconciliation ACC-9").containsPattern("(?m)^Matched\\s+1\\s*$")
                .containsPattern("(?m)^Unmatched ledger items\\s+2\\s*$").contains("L-2").contains("L-3").contains("S-9")
                .containsPattern("(?m)^Matched by rule exact\\s+1\\s*$")
                .containsPattern("(?m)^Matched by rule aggregate\\s+0\\s*$")
                .contains("Match rules, in order: exact, tolerance, aggregate");
    }

    @Test
    void risk_report_states_var_and_es_with_confidence_and_horizon() throws Exception {
        JsonNode result = json("""
                {"portfolio":"PF-1","businessDate":"2026-11-20","valuationDate":"2026-11-20","currency":"USD",
                 "portfolioValue":1000000.0,"valueAtRisk":12345.678,"expectedShortfall":15000.0,"confidence":0.99,
                 "horizonDays":1,"scenarios":10000,"seed":7,"returnsUsed":250,"method":"Monte Carlo",
                 "holdings":[{"instrument":"AAPL","quantity":10.0,"value":1000000.0}],
                 "manifest":{"inputs":[],"codeVersion":"1","createdAt":"2026-11-21T03:00:00Z","signature":"ab"}}
                """);
        String text = text(new ReportRenderer().render(ReportComposer.risk(result, NOW)));
        assertThat(text).contains("Value at Risk (99%, 1 day)").contains("12,345.68 USD")
                .contains("Expected Shortfall (99%, 1 day)").contains("15,000.00 USD").contains("AAPL");
    }
}
