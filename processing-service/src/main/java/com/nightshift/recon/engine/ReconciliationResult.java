package com.nightshift.recon.engine;

import com.nightshift.common.transaction.AccountId;
import com.nightshift.common.transaction.Transaction;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of reconciling one account's ledger against its statements for one business date.
 *
 * <p>Immutable, and deterministic: the same rows give an equal result whatever order they came in.
 * {@code matched} is ordered by ledger row, {@code unmatchedLedger} and {@code unmatchedStatement}
 * by {@link ReconciliationEngine#ENTRY_ORDER}, {@code totals} by currency code. {@code counts}
 * agrees with the list sizes.
 */
public record ReconciliationResult(
        AccountId account,
        LocalDate businessDate,
        ReconciliationCounts counts,
        List<MatchedPair> matched,
        List<Transaction> unmatchedLedger,
        List<Transaction> unmatchedStatement,
        List<CurrencyTotals> totals) {

    public ReconciliationResult {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(businessDate, "businessDate");
        Objects.requireNonNull(counts, "counts");
        matched = List.copyOf(matched);
        unmatchedLedger = List.copyOf(unmatchedLedger);
        unmatchedStatement = List.copyOf(unmatchedStatement);
        totals = List.copyOf(totals);
        if (counts.matched() != matched.size() || counts.unmatchedLedger() != unmatchedLedger.size()
                || counts.unmatchedStatement() != unmatchedStatement.size()) {
            throw new IllegalArgumentException("counts " + counts + " disagree with the rows given");
        }
    }
}
