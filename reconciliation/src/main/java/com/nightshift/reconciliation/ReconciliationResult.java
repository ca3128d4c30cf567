package com.nightshift.reconciliation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one night's reconciliation: one {@link AccountReconciliation} per account that had any
 * entry or open item, in account order, and the rules that produced it.
 *
 * <p>Immutable and deterministic (see {@link AccountReconciliation}). {@link #openItems()} is what the
 * next night takes as its open items.
 */
public record ReconciliationResult(LocalDate businessDate, ReconciliationRules rules,
                                   List<AccountReconciliation> accounts) {

    public ReconciliationResult {
        Objects.requireNonNull(businessDate, "businessDate");
        Objects.requireNonNull(rules, "rules");
        accounts = List.copyOf(accounts);
    }

    /** Every entry left unmatched, ledger before statement within an account, accounts in order. */
    public List<OpenItem> openItems() {
        List<OpenItem> open = new ArrayList<>();
        for (AccountReconciliation account : accounts) {
            open.addAll(account.unmatchedLedger());
            open.addAll(account.unmatchedStatement());
        }
        return open;
    }

    /** How many matches all accounts have together. */
    public long matchCount() {
        return accounts.stream().mapToLong(a -> a.matches().size()).sum();
    }
}
