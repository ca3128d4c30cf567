/**
 * Seeded test data with a ground truth, and the accuracy of the engine against it: the
 * {@link com.nightshift.reconciliation.generator.ReconciliationDataGenerator} writes a ledger, statements,
 * open items and the truth for many accounts; the
 * {@link com.nightshift.reconciliation.generator.AccuracyReport} reconciles such a set through files and
 * prints precision and recall per rule. Both are command-line programs; neither is used by the engine.
 */
package com.nightshift.reconciliation.generator;
