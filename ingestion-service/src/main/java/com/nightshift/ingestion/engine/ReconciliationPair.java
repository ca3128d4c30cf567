package com.nightshift.ingestion.engine;

import com.nightshift.common.transaction.AccountId;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

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

    /**
     * The pair a staged ledger or statement key belongs to
     * ({@code staged/ledger/<account>/<date>/<source-id>.csv}, likewise for statements); empty for any other key.
     */
    public static Optional<ReconciliationPair> ofStagedKey(String key) {
        for (InputType type : new InputType[] {InputType.LEDGER, InputType.STATEMENT}) {
            if (!key.startsWith(type.stagedPrefix())) {
                continue;
            }
            String[] parts = key.substring(type.stagedPrefix().length()).split("/", -1);
            if (parts.length != 3 || parts[2].isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(of(AccountId.of(parts[0]), LocalDate.parse(parts[1])));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    @Override
    public int compareTo(ReconciliationPair other) {
        return ORDER.compare(this, other);
    }
}
