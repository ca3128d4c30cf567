package com.nightshift.benchmarks;

import java.nio.file.Path;

import com.nightshift.reconciliation.ReconciliationRules;

/**
 * DuckDB's side of the reconciliation benchmark, as a process of its own: {@link DuckDbReconciliation} with the
 * engine's default window, tolerance and aggregate size, on one thread. Prints
 * {@code counts exact tolerance aggregate unmatchedLedger unmatchedStatement} for the harness.
 *
 * <pre>java -cp ... com.nightshift.benchmarks.DuckDbRun LEDGER STATEMENT OUT_DIR</pre>
 */
public final class DuckDbRun {

    private DuckDbRun() {
    }

    public static void main(String[] args) throws Exception {
        ReconciliationRules rules = ReconciliationRules.defaults();
        var counts = DuckDbReconciliation.run(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]),
                rules.valueDateWindowBusinessDays(), rules.tolerance().absolute(), rules.aggregate().maxEntries(), 1);
        System.out.println("counts " + counts.exact() + " " + counts.tolerance() + " " + counts.aggregate() + " "
                + counts.unmatchedLedger() + " " + counts.unmatchedStatement());
    }
}
