package com.nightshift.reconciliation;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.nightshift.common.io.DocumentJson;
import com.nightshift.common.manifest.ResultManifest;
import com.nightshift.common.manifest.SignedDocument;
import com.nightshift.common.transaction.Transaction;

/**
 * {@code results/recon/<date>/<account>/result.json}: one account's reconciliation of one night as the
 * report engine and people read it, built from the engine's {@link AccountReconciliation}. Amounts
 * are exact decimal strings. Entries reconciled tonight include the open items of earlier nights.
 *
 * <p>One typed record for the processing service that writes it and the report engine that reads it
 * (DESIGN.md, "The module rule"): {@link #write} and {@link #read} use {@link DocumentJson}, so reading
 * fails, naming the document and the field, when a field is missing, renamed (unknown) or null.
 *
 * <p>A signed document's {@code manifest.signature} covers the whole document, every figure included
 * ({@link SignedDocument}).
 *
 * @param rules the rules that ran, in the order the engine applies them ({@link MatchRule#id()})
 */
public record ReconciliationDocument(String account, LocalDate businessDate, List<String> rules, Counts counts,
        List<Totals> totals, List<Match> matches, List<Item> unmatchedLedger, List<Item> unmatchedStatement,
        ResultManifest manifest) implements SignedDocument<ReconciliationDocument> {

    /** The signature in the manifest; it covers this whole document ({@link #canonicalBytes()}). */
    @Override
    public String signature() {
        return manifest.signature();
    }

    @Override
    public ReconciliationDocument withSignature(String value) {
        return new ReconciliationDocument(account, businessDate, rules, counts, totals, matches, unmatchedLedger,
                unmatchedStatement, manifest.withSignature(value));
    }

    /** The document as {@link #write} writes it, with {@code manifest.signature} empty: what a signature covers. */
    @Override
    public byte[] canonicalBytes() {
        return write(withSignature(""));
    }

    /**
     * How many entries were reconciled on each side (open items of earlier nights included), how many
     * matches there are in all and per rule (an aggregate match counts once however many entries it
     * joins), how many entries stay open on each side, and how many staged rows were rejected (an entry
     * id already read for the account on the same side).
     */
    public record Counts(long ledgerRows, long statementRows, long matched, Map<String, Long> matchedByRule,
            long unmatchedLedger, long unmatchedStatement, long rejectedRows) {
        public Counts {
            matchedByRule = new TreeMap<>(matchedByRule);
        }
    }

    /** Totals of one currency on each side, and statement minus ledger. */
    public record Totals(String currency, String ledger, String statement, String difference) {
    }

    /**
     * One match: the entry ids of each side (more than one on one side for an aggregate match), the rule,
     * the amount difference (statement − ledger) and the value-date difference in business days.
     */
    public record Match(List<String> ledgerEntryIds, List<String> statementEntryIds, String rule, String difference,
            int valueDateDifferenceDays) {
    }

    /** An entry left open, with the night it was first seen and its age in days at this night. */
    public record Item(String entryId, LocalDate bookingDate, LocalDate valueDate, String amount, String currency,
            String counterparty, String reference, String description, LocalDate firstSeen, long ageDays) {

        static Item of(OpenItem item, LocalDate businessDate) {
            Transaction t = item.entry();
            return new Item(t.entryId(), t.bookingDate(), t.valueDate(), t.amount().toPlainString(),
                    t.currency().getCurrencyCode(), t.counterparty(), t.reference(), t.description(), item.firstSeen(),
                    item.ageDays(businessDate));
        }
    }

    /** The document of one account's reconciliation under {@code rules}. */
    public static ReconciliationDocument of(AccountReconciliation result, ReconciliationRules rules, long rejectedRows,
            ResultManifest manifest) {
        ReconciliationSummary summary = result.summary();
        long ledgerRows = 0;
        long statementRows = 0;
        Map<String, Long> byRule = new TreeMap<>();
        for (MatchRule rule : MatchRule.values()) {
            if (rules.isEnabled(rule)) {
                byRule.put(rule.id(), 0L);
            }
        }
        result.matches().forEach(m -> byRule.merge(m.rule().id(), 1L, Long::sum));
        for (ReconciliationSummary.CurrencySummary currency : summary.currencies()) {
            ledgerRows += currency.ledger().entries();
            statementRows += currency.statement().entries();
        }
        LocalDate date = result.businessDate();
        return new ReconciliationDocument(result.account().value(), date,
                rules.enabled().stream().map(MatchRule::id).toList(),
                new Counts(ledgerRows, statementRows, result.matches().size(), byRule, result.unmatchedLedger().size(),
                        result.unmatchedStatement().size(), rejectedRows),
                summary.currencies().stream().map(c -> new Totals(c.currency().getCurrencyCode(),
                        plain(c.ledger().amount()), plain(c.statement().amount()),
                        plain(c.statement().amount().subtract(c.ledger().amount())))).toList(),
                result.matches().stream().map(m -> new Match(ids(m.ledger()), ids(m.statement()), m.rule().id(),
                        plain(m.amountDifference()), m.valueDateDifferenceDays())).toList(),
                result.unmatchedLedger().stream().map(i -> Item.of(i, date)).toList(),
                result.unmatchedStatement().stream().map(i -> Item.of(i, date)).toList(),
                manifest);
    }

    /** Writes the document as {@link DocumentJson} does: indented, in record-component order, dates ISO-8601. */
    public static byte[] write(ReconciliationDocument document) {
        return DocumentJson.bytes(document);
    }

    /**
     * Reads a document written by {@link #write}.
     *
     * @param name what the bytes are (a file or object key), for the message
     * @throws IllegalArgumentException naming {@code name} and the field when the content is not JSON, or a
     *                                  field is missing, unknown or null
     */
    public static ReconciliationDocument read(String name, InputStream in) {
        try {
            return DocumentJson.read(in, ReconciliationDocument.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + " is not a reconciliation result document: "
                    + DocumentJson.problem(e), e);
        }
    }

    private static List<String> ids(List<Transaction> entries) {
        return entries.stream().map(Transaction::entryId).toList();
    }

    private static String plain(BigDecimal value) {
        return value.toPlainString();
    }
}
