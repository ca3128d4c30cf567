package com.nightshift.recon.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import com.nightshift.common.manifest.ResultManifest;
import com.nightshift.common.transaction.Transaction;
import com.nightshift.recon.engine.ReconciliationCounts;
import com.nightshift.recon.engine.ReconciliationResult;

/**
 * {@code results/recon/<date>/<account>/result.json}: one reconciliation as the reporting service and
 * people read it. Amounts are written as exact decimal strings.
 */
public record ReconciliationDocument(String account, LocalDate businessDate, List<String> rules,
        ReconciliationCounts counts, List<Totals> totals, List<Match> matches, List<Item> unmatchedLedger,
        List<Item> unmatchedStatement, ResultManifest manifest) {

    /** Totals of one currency on each side. */
    public record Totals(String currency, String ledger, String statement, String difference) {
    }

    /** A matched pair by entry ids, with the rule that matched it and the amount difference (statement − ledger). */
    public record Match(String ledgerEntryId, String statementEntryId, String rule, String difference) {
    }

    /** An unmatched row. */
    public record Item(String entryId, LocalDate bookingDate, LocalDate valueDate, String amount, String currency,
            String counterparty, String reference, String description) {

        static Item of(Transaction t) {
            return new Item(t.entryId(), t.bookingDate(), t.valueDate(), t.amount().toPlainString(),
                    t.currency().getCurrencyCode(), t.counterparty(), t.reference(), t.description());
        }
    }

    /** The document of one reconciliation result. */
    public static ReconciliationDocument of(ReconciliationResult result, List<String> rules, ResultManifest manifest) {
        return new ReconciliationDocument(result.account().value(), result.businessDate(), rules, result.counts(),
                result.totals().stream().map(t -> new Totals(t.currency().getCurrencyCode(), plain(t.ledgerTotal()),
                        plain(t.statementTotal()), plain(t.difference()))).toList(),
                result.matched().stream().map(m -> new Match(m.ledgerEntryId(), m.statementEntryId(), m.rule(),
                        plain(m.amountDifference()))).toList(),
                result.unmatchedLedger().stream().map(Item::of).toList(),
                result.unmatchedStatement().stream().map(Item::of).toList(),
                manifest);
    }

    private static String plain(BigDecimal value) {
        return value.toPlainString();
    }
}
