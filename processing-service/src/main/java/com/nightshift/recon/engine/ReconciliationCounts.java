package com.nightshift.recon.engine;

/**
 * The row counts of one reconciliation. Immutable; the factory enforces
 * {@code ledgerRows == matched + unmatchedLedger} and {@code statementRows == matched + unmatchedStatement}.
 */
public record ReconciliationCounts(int ledgerRows, int statementRows, int matched, int unmatchedLedger,
                                   int unmatchedStatement) {

    public ReconciliationCounts {
        if (ledgerRows < 0 || statementRows < 0 || matched < 0 || unmatchedLedger < 0 || unmatchedStatement < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
        if (ledgerRows != matched + unmatchedLedger) {
            throw new IllegalArgumentException("ledger rows " + ledgerRows + " != matched " + matched
                    + " + unmatched " + unmatchedLedger);
        }
        if (statementRows != matched + unmatchedStatement) {
            throw new IllegalArgumentException("statement rows " + statementRows + " != matched " + matched
                    + " + unmatched " + unmatchedStatement);
        }
    }
}
