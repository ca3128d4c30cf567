package com.nightshift.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.time.LocalDate;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import com.nightshift.common.io.InputFile;
import com.nightshift.risk.var.ComponentRisk;
import com.nightshift.risk.var.PortfolioRiskDocument;
import com.nightshift.risk.var.TailMeasures;
import com.nightshift.risk.var.VarManifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nightshift.reporting.pdf.ReportRenderer;

/** Every figure on a report comes from its result document. */
class ReportComposerTest {

    private static final Instant NOW = Instant.parse("2026-11-21T04:00:00Z");

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
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
        String text = text(new ReportRenderer().render(ReportComposer.reconciliation(result, "run-1", NOW)));
        assertThat(text).contains("Reconciliation ACC-9").containsPattern("(?m)^Matched\\s+1\\s*$")
                .containsPattern("(?m)^Unmatched ledger items\\s+2\\s*$").contains("L-2").contains("L-3").contains("S-9")
                .containsPattern("(?m)^Matched by rule exact\\s+1\\s*$")
                .containsPattern("(?m)^Matched by rule aggregate\\s+0\\s*$")
                .contains("Match rules, in order: exact, tolerance, aggregate");
    }

    @Test
    void risk_report_states_var_and_es_at_both_levels_with_their_standard_errors() throws Exception {
        TailMeasures measures = new TailMeasures(1_000_000.0, 9_000.0, 11_000.0, 12_345.678, 15_000.0, 50.0, 60.0,
                70.0, 80.0, 12_345.678 * Math.sqrt(10), 15_000.0 * Math.sqrt(10));
        TailMeasures book = new TailMeasures(3_000_000.0, 20_000.0, 25_000.0, 30_000.0, 36_000.0, 1.0, 2.0, 3.0, 4.0,
                0.0, 0.0);
        PortfolioRiskDocument result = new PortfolioRiskDocument("PF-1", LocalDate.of(2026, 11, 20), 4, measures,
                new ComponentRisk(8_000.0, 10_000.0, 11_111.11, 14_000.0), book, 100_000, 7L, "sobol", 1, "lognormal",
                new VarManifest(LocalDate.of(2026, 11, 20), List.of(InputFile.of("positions.csv",
                        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")), "explicit", 0.0, false, 0.0,
                        "1.2.3"));
        String text = text(new ReportRenderer().render(ReportComposer.risk(result, "run-1", NOW)));
        assertThat(text).contains("Market risk PF-1").contains("business date 2026-11-20")
                .contains("Value at Risk (99%, 1 day)").contains("12,345.68 \u00b1 70.00")
                .contains("Expected Shortfall (95%, 1 day)").contains("11,000.00 \u00b1 60.00")
                .contains("Contribution to book VaR (99%)").contains("11,111.11")
                .contains("Book VaR (99%, 1 day)").contains("30,000.00 \u00b1 3.00")
                .contains("Scenarios 100000, method sobol, seed 7").contains("positions.csv sha256 ba7816bf");
    }
}
