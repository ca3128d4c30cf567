package com.nightshift.ingestion.service;

import java.time.Instant;
import java.util.List;

import com.nightshift.common.manifest.InputObject;

/**
 * {@code ingested/<source-id>.json}: what one inbound file became. Written last, after the staged
 * objects and the rejects, so its presence means the file is fully ingested. Invariant:
 * {@code rowsRead == rowsAccepted + rowsRejected}.
 */
public record IngestionSummary(InputObject source, String inputType, String sourceId, long rowsRead,
        long rowsAccepted, long rowsRejected, List<String> stagedKeys, String rejectsKey, Instant ingestedAt,
        String codeVersion) {
}
