package com.nightshift.ingestion.engine;

import com.nightshift.common.csv.ReadCounts;
import com.nightshift.common.csv.RejectedRow;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What ingesting one inbound file produced, for the service to write and announce.
 *
 * <p>Immutable. A caller may rely on:
 * <ul>
 *   <li>{@code counts.rowsRead() == counts.accepted() + counts.rejected()}, and
 *       {@code counts.rejected() == rejectedRows.size()}; the staged objects' row counts add up to
 *       {@code counts.accepted()};</li>
 *   <li>{@code stagedObjects} are sorted by key, one per group, keys per docs/architecture.md;</li>
 *   <li>{@code rejects} is always present (a header alone when nothing was rejected), at
 *       {@code rejects/<source-id>.csv}, so a corrected re-upload overwrites an older rejects file;</li>
 *   <li>{@code reconciliationPairs} (ledger and statement files) and {@code riskBusinessDates}
 *       (positions and market data) are sorted and distinct; the other list is empty.</li>
 * </ul>
 */
public record IngestionOutcome(
        String inboundKey,
        InputType inputType,
        SourceId sourceId,
        ReadCounts counts,
        List<StagedObject> stagedObjects,
        StagedObject rejects,
        List<RejectedRow> rejectedRows,
        List<ReconciliationPair> reconciliationPairs,
        List<LocalDate> riskBusinessDates) {

    public IngestionOutcome {
        Objects.requireNonNull(inboundKey, "inboundKey");
        Objects.requireNonNull(inputType, "inputType");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(counts, "counts");
        stagedObjects = List.copyOf(stagedObjects);
        Objects.requireNonNull(rejects, "rejects");
        rejectedRows = List.copyOf(rejectedRows);
        reconciliationPairs = List.copyOf(reconciliationPairs);
        riskBusinessDates = List.copyOf(riskBusinessDates);
        if (counts.rejected() != rejectedRows.size()) {
            throw new IllegalArgumentException("counts say " + counts.rejected() + " rejected but "
                    + rejectedRows.size() + " rejected rows were given");
        }
        long staged = stagedObjects.stream().mapToLong(StagedObject::rowCount).sum();
        if (counts.accepted() != staged) {
            throw new IllegalArgumentException("counts say " + counts.accepted() + " accepted but "
                    + staged + " rows were staged");
        }
    }

    /** The keys of the staged objects, in order. */
    public List<String> stagedKeys() {
        return stagedObjects.stream().map(StagedObject::key).toList();
    }

    /** {@code ingested/<source-id>.json}, where the service writes its summary of this outcome. */
    public String summaryKey() {
        return sourceId.summaryKey();
    }
}
