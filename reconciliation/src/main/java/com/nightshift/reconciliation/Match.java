package com.nightshift.reconciliation;

import com.nightshift.common.transaction.Transaction;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * Ledger entries and statement entries that one rule matched together.
 *
 * <p>Immutable. A caller may rely on: both lists are non-empty and in entry order (entry id first); all
 * entries share one account and currency; {@link MatchRule#EXACT} and {@link MatchRule#TOLERANCE} pair one
 * entry with one, {@link MatchRule#AGGREGATE} one entry with two or more of the other side;
 * {@code amountDifference} is the statement amounts' sum minus the ledger amounts' sum (zero, at the
 * larger scale of the amounts, for exact and aggregate matches); {@code valueDateDifferenceDays} is the
 * statement value date minus the ledger value date in business days (a weekend date counts as the
 * Monday after it), and for an aggregate the difference of largest magnitude among its pairs, a positive
 * one on a tie.
 */
public record Match(MatchRule rule, List<Transaction> ledger, List<Transaction> statement,
                    BigDecimal amountDifference, int valueDateDifferenceDays) {

    public Match {
        Objects.requireNonNull(rule, "rule");
        ledger = List.copyOf(ledger);
        statement = List.copyOf(statement);
        Objects.requireNonNull(amountDifference, "amountDifference");
        if (ledger.isEmpty() || statement.isEmpty()) {
            throw new IllegalArgumentException("a match has at least one entry on each side");
        }
        boolean oneToOne = ledger.size() == 1 && statement.size() == 1;
        if (rule == MatchRule.AGGREGATE ? oneToOne || (ledger.size() > 1 && statement.size() > 1) : !oneToOne) {
            throw new IllegalArgumentException("rule " + rule + " cannot match " + ledger.size() + " ledger with "
                    + statement.size() + " statement entries");
        }
        Transaction first = ledger.get(0);
        for (List<Transaction> side : List.of(ledger, statement)) {
            for (Transaction t : side) {
                if (!t.account().equals(first.account()) || !t.currency().equals(first.currency())) {
                    throw new IllegalArgumentException("entry '" + t.entryId() + "' is not in "
                            + first.account() + " " + first.currency() + " like entry '" + first.entryId() + "'");
                }
            }
        }
        if (amountDifference.compareTo(sum(statement).subtract(sum(ledger))) != 0) {
            throw new IllegalArgumentException("amountDifference " + amountDifference.toPlainString()
                    + " is not the statement sum minus the ledger sum");
        }
    }

    /** A match with its differences worked out; both lists must already be in entry order. */
    public static Match of(MatchRule rule, List<Transaction> ledger, List<Transaction> statement) {
        if (ledger.isEmpty() || statement.isEmpty()) {
            throw new IllegalArgumentException("a match has at least one entry on each side");
        }
        return new Match(rule, ledger, statement, sum(statement).subtract(sum(ledger)),
                valueDateDifference(ledger, statement));
    }

    private static BigDecimal sum(List<Transaction> entries) {
        BigDecimal sum = entries.get(0).amount();
        for (int i = 1; i < entries.size(); i++) {
            sum = sum.add(entries.get(i).amount());
        }
        return sum;
    }

    private static int valueDateDifference(List<Transaction> ledger, List<Transaction> statement) {
        int widest = 0;
        for (Transaction l : ledger) {
            for (Transaction s : statement) {
                int difference = BusinessDays.between(l.valueDate(), s.valueDate());
                if (Math.abs(difference) > Math.abs(widest) || (difference == -widest && difference > 0)) {
                    widest = difference;
                }
            }
        }
        return widest;
    }
}
