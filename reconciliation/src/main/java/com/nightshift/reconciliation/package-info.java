/**
 * The reconciliation engine: matches ledger entries against statement entries and writes what matched,
 * what is open, and a summary. Plain Java (DESIGN.md, "The module rule").
 *
 * <p>{@link com.nightshift.reconciliation.Reconciliation#run Reconciliation.run} takes tonight's ledger
 * and statement {@link com.nightshift.common.transaction.Transaction}s, the
 * {@link com.nightshift.reconciliation.OpenItem}s of earlier nights, the
 * {@link com.nightshift.reconciliation.ReconciliationRules} (from a {@link com.nightshift.reconciliation.RulesFile})
 * and the business date, and returns a {@link com.nightshift.reconciliation.ReconciliationResult}: per
 * account the {@link com.nightshift.reconciliation.Match}es and the entries left open. A
 * {@link com.nightshift.reconciliation.ResultWriter} turns it into each account's files through an
 * {@link com.nightshift.reconciliation.OutputSink}, a folder for the CLI or S3 objects for the service.
 * {@link com.nightshift.reconciliation.ReconciliationInputs} reads the CSV inputs with their checksums.
 */
package com.nightshift.reconciliation;

import com.nightshift.common.io.OutputSink;