package com.nightshift.reconciliation;

import com.nightshift.common.io.InputFile;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The document {@code manifest.json}: what one account's results were computed from, so that anyone can
 * check later that the same inputs and rules give the same files. No wall-clock time is recorded, so a
 * re-run writes an identical manifest. One typed record for whoever writes or reads it
 * ({@link ResultDocuments}).
 *
 * @param account      the account
 * @param businessDate the night's business date
 * @param inputs       every input read (ledger, statements, open items), with SHA-256 checksums
 * @param rules        the rules in effect, every field explicit (a valid rules file in itself)
 * @param codeVersion  the engine's version ({@link #currentCodeVersion()})
 * @param outputs      the files written for the account, in the order written
 */
public record ReconciliationManifest(String account, LocalDate businessDate, List<InputFile> inputs,
                                     ReconciliationRules rules, String codeVersion, List<String> outputs) {

    public ReconciliationManifest {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(businessDate, "businessDate");
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(codeVersion, "codeVersion");
        outputs = List.copyOf(outputs);
    }

    /** The version of the running engine: its jar's Implementation-Version, or {@code development}. */
    public static String currentCodeVersion() {
        String version = Reconciliation.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
