package com.nightshift.e2e;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import com.nightshift.common.storage.ObjectRef;
import com.nightshift.local.StackDriver;
import com.nightshift.reconciliation.ReconciliationDocument;

/** The reconciliation result of one account and date in the staging bucket, as the fault tests read it. */
final class ReconResult {

    /** Every file one run writes under the result prefix of an account with unmatched entries on both sides. */
    static final List<String> FILES = List.of("manifest.json", "matches.csv", "result.json", "summary.json",
            "unmatched_ledger.csv", "unmatched_statement.csv");

    private ReconResult() {
    }

    static String prefix(String account, LocalDate date) {
        return "results/recon/" + date + "/" + account + "/";
    }

    /** The counts of {@code result.json}, when there is one. */
    static Optional<ReconciliationDocument.Counts> counts(StackDriver stack, String account, LocalDate date) {
        String key = prefix(account, date) + "result.json";
        return stack.store().fetch(ObjectRef.of(stack.outputs().stagingBucket(), key))
                .map(content -> ReconciliationDocument.read(key, new ByteArrayInputStream(content.content())).counts());
    }

    /** The file names under the result prefix, in key order. */
    static List<String> files(StackDriver stack, String account, LocalDate date) {
        String prefix = prefix(account, date);
        return stack.store().list(stack.outputs().stagingBucket(), prefix).stream()
                .map(o -> o.ref().key().substring(prefix.length())).toList();
    }
}
