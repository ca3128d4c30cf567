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
 * this read, otherwise to {@code rejected}; it counts both.
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
    private long acceptedCount;
    private long rejectedCount;

    EntrySink(Consumer<? super AcceptedRow<Transaction>> accepted, Consumer<? super RejectedRow> rejected) {
        this.accepted = Objects.requireNonNull(accepted, "accepted");
        this.rejected = Objects.requireNonNull(rejected, "rejected");
    }

    /** Accepts the entry, or rejects it when an earlier entry of this read had the same id. */
    void accept(long lineNumber, Transaction transaction, String rawText) {
        Long firstLine = firstLineOfId.putIfAbsent(transaction.entryId(), lineNumber);
        if (firstLine != null) {
            // Same wording as the ingestion engine's own rule, so a reject reads the same whoever found it.
            reject(lineNumber, "duplicate entry_id '" + transaction.entryId() + "', first seen on line " + firstLine,
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
