package com.nightshift.reporting;

import java.time.Instant;

import com.nightshift.risk.var.PortfolioRiskDocument;
import com.nightshift.risk.var.TailMeasures;
import com.nightshift.risk.var.VarManifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.nightshift.reporting.pdf.ReportDocument;
import com.nightshift.reporting.pdf.ReportSection;
import com.nightshift.reporting.pdf.TableColumn;

/**
 * Turns result documents (docs/architecture.md) into report documents: what a compliance or risk
 * reader needs on paper, every figure taken from the result, nothing recomputed.
 */
public final class ReportComposer {

    private ReportComposer() {
    }

    /** The report of a reconciliation result document. */
    public static ReportDocument reconciliation(JsonNode result, String runId, Instant generatedAt) {
        JsonNode counts = result.path("counts");
        String account = result.path("account").asText();
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("Ledger items", counts.path("ledgerRows").asText());
        figures.put("Statement items", counts.path("statementRows").asText());
        figures.put("Matched", counts.path("matched").asText());
        List<String> rules = new ArrayList<>();
        result.path("rules").forEach(rule -> rules.add(rule.asText()));
        for (String rule : rules) {
            figures.put("Matched by rule " + rule, counts.path("matchedByRule").path(rule).asText("0"));
        }
        figures.put("Unmatched ledger items", counts.path("unmatchedLedger").asText());
        figures.put("Unmatched statement items", counts.path("unmatchedStatement").asText());

        List<ReportSection> sections = new ArrayList<>();
        sections.add(ReportSection.keyFigures("Summary", figures));
        List<List<String>> totals = new ArrayList<>();
        result.path("totals").forEach(t -> totals.add(List.of(t.path("currency").asText(), t.path("ledger").asText(),
                t.path("statement").asText(), t.path("difference").asText())));
        sections.add(ReportSection.Table.of("Totals by currency", List.of(TableColumn.left("Currency"),
                TableColumn.right("Ledger"), TableColumn.right("Statement"), TableColumn.right("Difference")), totals));
        sections.add(items("Unmatched ledger items", result.path("unmatchedLedger")));
        sections.add(items("Unmatched statement items", result.path("unmatchedStatement")));
        sections.add(manifest(result.path("manifest")));
        return ReportDocument.of("Reconciliation " + account, List.of(
                "Account " + account + ", business date " + result.path("businessDate").asText(),
                "Match rules, in order: " + (rules.isEmpty() ? "none" : String.join(", ", rules))
                        + "; open items of earlier nights included"),
                java.time.LocalDate.parse(result.path("businessDate").asText()), runId, generatedAt, sections);
    }

    /**
     * The report of one portfolio's risk result ({@code results/risk/<date>/<portfolio>/result.json}):
     * its VaR and ES at 95% and 99% with their Monte Carlo standard errors, its contribution to the
     * book's, the book's own figures, and how the run was made. Amounts are in the book's currency.
     */
    public static ReportDocument risk(PortfolioRiskDocument result, String runId, Instant generatedAt) {
        TailMeasures m = result.measures();
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("Portfolio value", amount(m.value()));
        figures.put("Positions", Integer.toString(result.positions()));
        String horizon = result.horizonDays() + " day";
        figures.put("Value at Risk (95%, " + horizon + ")", withError(m.var95(), m.var95StdError()));
        figures.put("Expected Shortfall (95%, " + horizon + ")", withError(m.es95(), m.es95StdError()));
        figures.put("Value at Risk (99%, " + horizon + ")", withError(m.var99(), m.var99StdError()));
        figures.put("Expected Shortfall (99%, " + horizon + ")", withError(m.es99(), m.es99StdError()));
        figures.put("Value at Risk (99%, 10 day, square-root-of-time)", amount(m.var99TenDay()));
        figures.put("Contribution to book VaR (99%)", amount(result.contribution().var99()));
        figures.put("Contribution to book ES (99%)", amount(result.contribution().es99()));

        TailMeasures book = result.book();
        Map<String, String> bookFigures = new LinkedHashMap<>();
        bookFigures.put("Book value", amount(book.value()));
        bookFigures.put("Book VaR (99%, " + horizon + ")", withError(book.var99(), book.var99StdError()));
        bookFigures.put("Book ES (99%, " + horizon + ")", withError(book.es99(), book.es99StdError()));

        VarManifest manifest = result.manifest();
        StringBuilder run = new StringBuilder();
        run.append("Scenarios ").append(result.scenarios()).append(", method ").append(result.method())
                .append(", seed ").append(result.seed()).append(", ").append(result.returns()).append(" factor moves\n");
        run.append("Market ").append(manifest.market().equals("ewma")
                ? "estimated by EWMA (lambda " + manifest.ewmaLambda() + ") from the price history"
                : "from market.csv and corr.csv" + (manifest.correlationRepaired()
                        ? " (correlation repaired to its nearest correlation matrix)" : "")).append('\n');
        manifest.inputs().forEach(i -> run.append(i.name()).append("  sha256 ").append(i.sha256()).append('\n'));
        run.append("Code version ").append(manifest.codeVersion());
        return ReportDocument.of("Market risk " + result.portfolio(), List.of(
                "Portfolio " + result.portfolio() + ", business date " + result.businessDate(),
                "Monte Carlo VaR and ES by full revaluation; \u00b1 gives the Monte Carlo standard error"),
                result.businessDate(), runId, generatedAt, List.of(
                ReportSection.keyFigures("Risk figures", figures),
                ReportSection.keyFigures("The whole book", bookFigures),
                ReportSection.paragraph("Run", run.toString())));
    }

    private static ReportSection items(String heading, JsonNode items) {
        List<List<String>> rows = new ArrayList<>();
        items.forEach(i -> rows.add(List.of(i.path("entryId").asText(), i.path("valueDate").asText(),
                i.path("amount").asText(), i.path("currency").asText(), i.path("reference").asText(),
                i.path("counterparty").asText())));
        return ReportSection.Table.of(heading, List.of(TableColumn.left("Entry"), TableColumn.left("Value date"),
                TableColumn.right("Amount"), TableColumn.left("Ccy"), TableColumn.left("Reference"),
                TableColumn.left("Counterparty")), rows);
    }

    private static ReportSection manifest(JsonNode manifest) {
        StringBuilder text = new StringBuilder();
        manifest.path("inputs").forEach(i -> text.append("s3://").append(i.path("bucket").asText()).append('/')
                .append(i.path("key").asText()).append("  sha256 ").append(i.path("sha256").asText()).append('\n'));
        text.append("Code version ").append(manifest.path("codeVersion").asText())
                .append(", computed ").append(manifest.path("createdAt").asText()).append('\n');
        text.append("Signature (HMAC-SHA256) ").append(manifest.path("signature").asText());
        return ReportSection.paragraph("Manifest", text.toString());
    }

    static String money(double amount, String currency) {
        return String.format(Locale.ROOT, "%,.2f %s", amount, currency);
    }

    private static String amount(double value) {
        return String.format(Locale.ROOT, "%,.2f", value);
    }

    private static String withError(double value, double standardError) {
        return String.format(Locale.ROOT, "%,.2f \u00b1 %,.2f", value, standardError);
    }
}
