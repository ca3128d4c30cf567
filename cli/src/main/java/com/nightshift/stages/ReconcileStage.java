package com.nightshift.stages;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import com.nightshift.common.csv.UnreadableFileException;
import com.nightshift.reconciliation.MatchRule;
import com.nightshift.common.io.OutputSink;
import com.nightshift.reconciliation.ReconciliationPipeline;
import com.nightshift.reconciliation.ReconciliationPipeline.Ageing;
import com.nightshift.common.io.InputSource;
import com.nightshift.reconciliation.ReconciliationRules;
import com.nightshift.reconciliation.RulesFile;
import com.nightshift.reconciliation.RulesFileException;

/**
 * {@code nightshift reconcile}: the reconciliation pipeline the service runs ({@link ReconciliationPipeline}),
 * on local files taken as one set whatever their dates, with unmatched entries aged from their booking
 * dates. Prints a short summary; the files go to the output folder.
 */
public final class ReconcileStage {

    /** What one run reads and where it writes; empty options take the pipeline's defaults. */
    public record Options(Path ledger, List<Path> statements, List<Path> openItems, Optional<Path> rules,
                          Optional<LocalDate> businessDate, Path out) {
    }

    private ReconcileStage() {
    }

    public static void run(Options options, PrintStream console) throws IOException {
        ReconciliationRules rules = ReconciliationRules.defaults();
        if (options.rules().isPresent()) {
            try {
                rules = RulesFile.read(LocalInputs.existing(options.rules().get(), "--rules"));
            } catch (RulesFileException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        List<InputSource> statements = options.statements().stream()
                .map(p -> InputSource.file(LocalInputs.existing(p, "--statements"))).toList();
        List<InputSource> openItems = options.openItems().stream()
                .map(p -> InputSource.file(LocalInputs.existing(p, "--open-items"))).toList();
        ReconciliationPipeline.Outcome outcome;
        try {
            outcome = ReconciliationPipeline.run(List.of(InputSource.file(LocalInputs.existing(options.ledger(), "--ledger"))),
                    statements, openItems, rules, options.businessDate(), Ageing.BY_BOOKING_DATE,
                    OutputSink.directory(options.out()), Runtime.getRuntime().availableProcessors());
        } catch (UnreadableFileException e) {
            throw new IllegalArgumentException("unreadable input " + e.getMessage(), e);
        }
        var byRule = outcome.matchesByRule();
        console.printf("business date %s, %d account(s): %d ledger and %d statement entries from %d file(s), %d rejected%n",
                outcome.result().businessDate(), outcome.result().accounts().size(), outcome.ledgerEntries(),
                outcome.statementEntries(), outcome.inputs().size(), outcome.rejectedRows());
        console.printf("matched: %d exact, %d tolerance, %d aggregate; unmatched: %d ledger, %d statement%n",
                byRule.get(MatchRule.EXACT), byRule.get(MatchRule.TOLERANCE), byRule.get(MatchRule.AGGREGATE),
                outcome.unmatchedLedger(), outcome.unmatchedStatement());
        if (outcome.rejectedRows() > 0) {
            console.printf("rejected rows, with line and reason: %s%n",
                    options.out().resolve(ReconciliationPipeline.REJECTS_FOLDER).toAbsolutePath());
        }
        console.println("files per account in " + options.out().toAbsolutePath()
                + " (matches.csv, unmatched_ledger.csv, unmatched_statement.csv, summary.json, manifest.json);"
                + " open items for the next run in " + ReconciliationPipeline.OPEN_ITEMS);
    }
}
