package com.nightshift.statements;

import com.nightshift.common.csv.AcceptedRow;
import com.nightshift.common.csv.ReadCounts;
import com.nightshift.common.csv.RejectedRow;
import com.nightshift.common.transaction.Transaction;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Where a statement reader sends each entry: to {@code accepted} unless its id was already accepted in
 * this read (for the same account, when the sink is {@link #perAccount}), otherwise to {@code rejected};
 * it counts both.
 *
 * <p>The only state that grows with the file is the map of ids seen (id and line), which the
 * duplicate rule needs; entries themselves are never kept. Not thread-safe: one sink per read.
 */
final class EntrySink {

    /** Raw text kept with a row is cut here, so one huge entry cannot bloat the rejects file. */
    static final int MAX_RAW_TEXT = 8_000;

    private final Consumer<? super AcceptedRow<Transaction>> accepted;
    private final Consumer<? super RejectedRow> rejected;
    private final Map<String, Long> firstLineOfId = new HashMap<>();
    private final boolean perAccount;
    private long acceptedCount;
    private long rejectedCount;

    private EntrySink(Consumer<? super AcceptedRow<Transaction>> accepted, Consumer<? super RejectedRow> rejected,
                      boolean perAccount) {
        this.accepted = Objects.requireNonNull(accepted, "accepted");
        this.rejected = Objects.requireNonNull(rejected, "rejected");
        this.perAccount = perAccount;
    }

    /** Ids unique within the whole read: the transaction CSV's rule. */
    static EntrySink perFile(Consumer<? super AcceptedRow<Transaction>> accepted, Consumer<? super RejectedRow> rejected) {
        return new EntrySink(accepted, rejected, false);
    }

    /**
     * Ids unique within each account of the read: bank statements. A bank's reference identifies a booking
     * on one account; one file may carry the two legs of a transfer between two of the customer's
     * accounts under the same reference, and both are real entries.
     */
    static EntrySink perAccount(Consumer<? super AcceptedRow<Transaction>> accepted, Consumer<? super RejectedRow> rejected) {
        return new EntrySink(accepted, rejected, true);
    }

    /** Accepts the entry, or rejects it when an earlier entry of this read had the same id. */
    void accept(long lineNumber, Transaction transaction, String rawText) {
        String key = perAccount ? transaction.account().value() + "\u0000" + transaction.entryId() : transaction.entryId();
        Long firstLine = firstLineOfId.putIfAbsent(key, lineNumber);
        if (firstLine != null) {
            // Same wording as the ingestion engine's own rule, so a reject reads the same whoever found it.
            reject(lineNumber, "duplicate entry_id '" + transaction.entryId() + "'"
                    + (perAccount ? " for account " + transaction.account() : "") + ", first seen on line " + firstLine,
                    rawText);
            return;
        }
        accepted.accept(new AcceptedRow<>(lineNumber, transaction, bounded(rawText)));
        acceptedCount++;
    }

    void reject(long lineNumber, String reason, String rawText) {
        rejected.accept(RejectedRow.of(Math.max(1, lineNumber), reason, bounded(rawText)));
        rejectedCount++;
    }

    ReadCounts counts() {
        return ReadCounts.of(acceptedCount, rejectedCount);
    }

    private static String bounded(String rawText) {
        return rawText.length() <= MAX_RAW_TEXT ? rawText : rawText.substring(0, MAX_RAW_TEXT) + "...";
    }
}
