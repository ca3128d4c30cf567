/**
 * The reconciliation engine: matches ledger entries against statement entries and writes what matched,
 * what is open, and a summary. Plain Java (DESIGN.md, "The module rule").
 */
package com.nightshift.reconciliation;
