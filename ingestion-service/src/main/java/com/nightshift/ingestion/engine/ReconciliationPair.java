package com.nightshift.ingestion.engine;

import com.nightshift.common.transaction.AccountId;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Objects;

/**
 * An (account, business date) for which new ledger or statement rows were staged, so its
 * reconciliation should (re-)run. Immutable; ordered by account, then date.
 */
public record ReconciliationPair(AccountId account, LocalDate businessDate) implements Comparable<ReconciliationPair> {

    private static final Comparator<ReconciliationPair> ORDER =
            Comparator.comparing(ReconciliationPair::account).thenComparing(ReconciliationPair::businessDate);

    public ReconciliationPair {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(businessDate, "businessDate");
    }

    public static ReconciliationPair of(AccountId account, LocalDate businessDate) {
        return new ReconciliationPair(account, businessDate);
    }

    @Override
    public int compareTo(ReconciliationPair other) {
        return ORDER.compare(this, other);
    }
}
