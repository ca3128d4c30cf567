package com.nightshift.reconciliation;

import com.nightshift.common.transaction.AccountId;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What one night's reconciliation found for one account: the matches, and what stays open on each side.
 *
 * <p>Immutable, and deterministic: the same entries, open items and rules give an equal value whatever
 * the order of the inputs and however many threads ran. Ordered by currency code, then: {@code matches}
 * by their first ledger entry in entry order (entry id first), unmatched entries in entry order. Every
 * entry given for the account is in exactly one match or one unmatched list, once.
 */
public record AccountReconciliation(AccountId account, LocalDate businessDate, List<Match> matches,
                                    List<OpenItem> unmatchedLedger, List<OpenItem> unmatchedStatement) {

    public AccountReconciliation {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(businessDate, "businessDate");
        matches = List.copyOf(matches);
        unmatchedLedger = List.copyOf(unmatchedLedger);
        unmatchedStatement = List.copyOf(unmatchedStatement);
    }

    /** The counts and sums of {@code summary.json}. */
    public ReconciliationSummary summary() {
        return ReconciliationSummary.of(this);
    }
}
