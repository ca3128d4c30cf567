package com.nightshift.common.csv;

import java.util.List;
import java.util.Objects;

/**
 * Everything a {@link RecordReader} produced from one input, collected in memory.
 *
 * <p>Immutable; lists are in input order. {@code counts} agrees with the list sizes.
 */
public record ReadResult<T>(List<AcceptedRow<T>> accepted, List<RejectedRow> rejected, ReadCounts counts) {

    public ReadResult {
        accepted = List.copyOf(accepted);
        rejected = List.copyOf(rejected);
        Objects.requireNonNull(counts, "counts");
        if (counts.accepted() != accepted.size() || counts.rejected() != rejected.size()) {
            throw new IllegalArgumentException("counts " + counts + " disagree with " + accepted.size()
                    + " accepted and " + rejected.size() + " rejected rows");
        }
    }

    /** The accepted records alone, in input order. */
    public List<T> records() {
        return accepted.stream().map(AcceptedRow::record).toList();
    }
}
