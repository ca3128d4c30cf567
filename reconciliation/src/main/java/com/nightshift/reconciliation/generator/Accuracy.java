package com.nightshift.reconciliation.generator;

import com.nightshift.common.transaction.Transaction;
import com.nightshift.reconciliation.AccountReconciliation;
import com.nightshift.reconciliation.Match;
import com.nightshift.reconciliation.MatchRule;
import com.nightshift.reconciliation.OpenItem;
import com.nightshift.reconciliation.ReconciliationResult;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How well a reconciliation result agrees with a ground truth, per rule.
 *
 * <p>A match counts as correct only when the truth has a row with exactly the same ledger ids, the same
 * statement ids and the same rule. For a rule, precision is correct / found (the engine's matches under
 * that rule) and recall is correct / expected (the truth's rows under that rule); "all" does the same over
 * every rule together. For entries that should stay unmatched, per entry: expected is the truth's,
 * found the engine's unmatched entries, correct those in both.
 *
 * @param rules     one line per {@link MatchRule}, in rule order
 * @param all       all rules together
 * @param unmatched unmatched entries of both sides
 */
public record Accuracy(List<Figures> rules, Figures all, Figures unmatched) {

    public Accuracy {
        rules = List.copyOf(rules);
        Objects.requireNonNull(all, "all");
        Objects.requireNonNull(unmatched, "unmatched");
    }

    /**
     * Counts for one line of the report. A ratio with nothing to divide by is 1: no matches found means
     * none was wrong, and none expected means none was missed.
     */
    public record Figures(String name, long expected, long found, long correct) {

        public double precision() {
            return found == 0 ? 1.0 : (double) correct / found;
        }

        public double recall() {
            return expected == 0 ? 1.0 : (double) correct / expected;
        }
    }

    /** The figures for {@code rule}. */
    public Figures of(MatchRule rule) {
        return rules.get(rule.ordinal());
    }

    /** Compares {@code result} with {@code truth}. */
    public static Accuracy measure(List<TruthRow> truth, ReconciliationResult result) {
        Map<MatchRule, Set<String>> expected = new EnumMap<>(MatchRule.class);
        Set<String> expectedUnmatched = new HashSet<>();
        for (MatchRule rule : MatchRule.values()) {
            expected.put(rule, new HashSet<>());
        }
        for (TruthRow row : truth) {
            if (row.rule().isPresent()) {
                expected.get(row.rule().get()).add(key(row.ledgerIds(), row.statementIds()));
            } else {
                expectedUnmatched.add(row.ledgerIds().isEmpty() ? "S:" + row.statementIds().get(0)
                        : "L:" + row.ledgerIds().get(0));
            }
        }
        long[] found = new long[MatchRule.values().length];
        long[] correct = new long[MatchRule.values().length];
        long foundUnmatched = 0;
        long correctUnmatched = 0;
        for (AccountReconciliation account : result.accounts()) {
            for (Match match : account.matches()) {
                int rule = match.rule().ordinal();
                found[rule]++;
                if (expected.get(match.rule()).contains(key(ids(match.ledger()), ids(match.statement())))) {
                    correct[rule]++;
                }
            }
            for (OpenItem item : account.unmatchedLedger()) {
                foundUnmatched++;
                correctUnmatched += expectedUnmatched.contains("L:" + item.entry().entryId()) ? 1 : 0;
            }
            for (OpenItem item : account.unmatchedStatement()) {
                foundUnmatched++;
                correctUnmatched += expectedUnmatched.contains("S:" + item.entry().entryId()) ? 1 : 0;
            }
        }
        List<Figures> rules = new ArrayList<>();
        long allExpected = 0;
        long allFound = 0;
        long allCorrect = 0;
        for (MatchRule rule : MatchRule.values()) {
            int i = rule.ordinal();
            rules.add(new Figures(rule.id(), expected.get(rule).size(), found[i], correct[i]));
            allExpected += expected.get(rule).size();
            allFound += found[i];
            allCorrect += correct[i];
        }
        return new Accuracy(rules, new Figures("all", allExpected, allFound, allCorrect),
                new Figures(TruthRow.UNMATCHED, expectedUnmatched.size(), foundUnmatched, correctUnmatched));
    }

    private static List<String> ids(List<Transaction> entries) {
        return entries.stream().map(Transaction::entryId).toList();
    }

    private static String key(List<String> ledgerIds, List<String> statementIds) {
        return String.join(";", ledgerIds.stream().sorted().toList()) + "|"
                + String.join(";", statementIds.stream().sorted().toList());
    }
}
