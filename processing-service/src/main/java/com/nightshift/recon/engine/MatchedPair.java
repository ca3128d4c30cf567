package com.nightshift.recon.engine;

import com.nightshift.common.transaction.Transaction;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A ledger row and the statement row it was matched with, and the name of the rule that matched
 * them. Immutable. {@link #amountDifference()} is statement minus ledger: zero for an exact match,
 * non-zero once tolerance rules exist.
 */
public record MatchedPair(Transaction ledger, Transaction statement, String rule) {

    public MatchedPair {
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(rule, "rule");
        if (rule.isBlank()) {
            throw new IllegalArgumentException("a matched pair names its rule");
        }
    }

    public static MatchedPair of(Transaction ledger, Transaction statement, String rule) {
        return new MatchedPair(ledger, statement, rule);
    }

    public String ledgerEntryId() {
        return ledger.entryId();
    }

    public String statementEntryId() {
        return statement.entryId();
    }

    public BigDecimal amountDifference() {
        return statement.amount().subtract(ledger.amount());
    }
}
