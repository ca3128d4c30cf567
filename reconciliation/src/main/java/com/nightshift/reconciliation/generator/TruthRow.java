package com.nightshift.reconciliation.generator;

import com.nightshift.reconciliation.MatchRule;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a generated data set's ground truth: which ledger entries belong with which statement
 * entries, and under which rule they should match; or one entry that should stay unmatched.
 *
 * <p>Immutable. {@code outcome} is a {@link MatchRule#id()} or {@value #UNMATCHED}; an unmatched row has
 * exactly one id on one side and none on the other; a match row has ids on both sides.
 */
public record TruthRow(List<String> ledgerIds, List<String> statementIds, String outcome) {

    public static final String UNMATCHED = "unmatched";

    public TruthRow {
        ledgerIds = List.copyOf(ledgerIds);
        statementIds = List.copyOf(statementIds);
        Objects.requireNonNull(outcome, "outcome");
        if (outcome.equals(UNMATCHED)) {
            if (ledgerIds.size() + statementIds.size() != 1) {
                throw new IllegalArgumentException("an unmatched truth row names exactly one entry");
            }
        } else if (MatchRule.byId(outcome).isEmpty()) {
            throw new IllegalArgumentException("outcome '" + outcome + "' is neither a rule nor " + UNMATCHED);
        } else if (ledgerIds.isEmpty() || statementIds.isEmpty()) {
            throw new IllegalArgumentException("a match truth row names entries on both sides");
        }
    }

    public static TruthRow match(MatchRule rule, List<String> ledgerIds, List<String> statementIds) {
        return new TruthRow(ledgerIds, statementIds, rule.id());
    }

    public static TruthRow unmatchedLedger(String id) {
        return new TruthRow(List.of(id), List.of(), UNMATCHED);
    }

    public static TruthRow unmatchedStatement(String id) {
        return new TruthRow(List.of(), List.of(id), UNMATCHED);
    }

    /** The rule of a match row; empty for an unmatched row. */
    public Optional<MatchRule> rule() {
        return MatchRule.byId(outcome);
    }
}
