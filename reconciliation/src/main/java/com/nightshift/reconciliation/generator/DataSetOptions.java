package com.nightshift.reconciliation.generator;

import java.time.LocalDate;

import com.nightshift.reconciliation.ReconciliationRules;

import picocli.CommandLine.Option;

/** The command-line options that say which seeded data set to make, shared by the generator and the accuracy report. */
final class DataSetOptions {

    @Option(names = "--seed", defaultValue = "20261120", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--accounts", defaultValue = "50", description = "Accounts (default: ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--entries-per-account", defaultValue = "100",
            description = "About how many ledger entries each account gets (default: ${DEFAULT-VALUE}).")
    int perAccount;

    @Option(names = "--business-date", defaultValue = "2026-11-20",
            description = "The night's business date (default: ${DEFAULT-VALUE}).")
    LocalDate businessDate;

    /** The generator's settings for these options and {@code rules}. */
    ReconciliationDataGenerator.Settings settings(ReconciliationRules rules) {
        return new ReconciliationDataGenerator.Settings(seed, accounts, perAccount, businessDate, rules);
    }
}
