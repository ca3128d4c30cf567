package com.nightshift.reporting.service;

import java.time.Instant;
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
    public static ReportDocument reconciliation(JsonNode result, Instant generatedAt) {
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
                        + "; open items of earlier nights included"), generatedAt, sections);
    }

    /** The report of a risk result document. */
    public static ReportDocument risk(JsonNode result, Instant generatedAt) {
        String portfolio = result.path("portfolio").asText();
        String currency = result.path("currency").asText();
        double confidence = result.path("confidence").asDouble();
        int horizon = result.path("horizonDays").asInt();
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("Portfolio value", money(result.path("portfolioValue").asDouble(), currency));
        figures.put(String.format(Locale.ROOT, "Value at Risk (%s, %d day)", percent(confidence), horizon),
                money(result.path("valueAtRisk").asDouble(), currency));
        figures.put(String.format(Locale.ROOT, "Expected Shortfall (%s, %d day)", percent(confidence), horizon),
                money(result.path("expectedShortfall").asDouble(), currency));
        figures.put("Scenarios", result.path("scenarios").asText());
        figures.put("Random seed", result.path("seed").asText());
        figures.put("Daily returns used", result.path("returnsUsed").asText());
        figures.put("Valuation date", result.path("valuationDate").asText());

        List<List<String>> holdings = new ArrayList<>();
        result.path("holdings").forEach(h -> holdings.add(List.of(h.path("instrument").asText(),
                String.format(Locale.ROOT, "%,.4f", h.path("quantity").asDouble()),
                String.format(Locale.ROOT, "%,.2f", h.path("value").asDouble()))));
        return ReportDocument.of("Market risk " + portfolio, List.of(
                "Portfolio " + portfolio + ", business date " + result.path("businessDate").asText(),
                "Method: " + result.path("method").asText()), generatedAt, List.of(
                ReportSection.keyFigures("Risk figures (" + currency + ")", figures),
                ReportSection.Table.of("Holdings", List.of(TableColumn.left("Instrument"), TableColumn.right("Quantity"),
                        TableColumn.right("Value (" + currency + ")")), holdings),
                manifest(result.path("manifest"))));
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

    private static String percent(double confidence) {
        return String.format(Locale.ROOT, "%s%%", new java.math.BigDecimal(Double.toString(confidence * 100))
                .stripTrailingZeros().toPlainString());
    }
}
