package com.nightshift.stages;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.nightshift.common.csv.UnreadableFileException;
import com.nightshift.common.manifest.InputObject;
import com.nightshift.common.manifest.ManifestSigner;
import com.nightshift.common.manifest.ResultManifest;
import com.nightshift.reconciliation.AccountReconciliation;
import com.nightshift.reconciliation.MatchRule;
import com.nightshift.reconciliation.ReconciliationDocument;
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
 * dates. Prints a short summary; the files go to the output folder, with each account's
 * {@code result.json} (the {@link ReconciliationDocument} the service writes, so that {@code report --input}
 * renders the same report). Its manifest lists the local files read and what {@code replay} needs to run
 * the job again; the document is signed over its whole content when {@code MANIFEST_SIGNING_KEY} is in the
 * environment. The rejected rows of a run are not attributed to an
 * account: {@code rejectedRows} counts them when the run has one account, and is 0 otherwise (they are
 * all under {@code rejects/}).
 */
public final class ReconcileStage {

    /** What one run reads and where it writes; empty options take the pipeline's defaults. */
    public record Options(Path ledger, List<Path> statements, List<Path> openItems, Optional<Path> rules,
                          Optional<LocalDate> businessDate, Path out) {
    }

    /** Parameter: how many of the manifest's inputs, from the first, are ledgers. */
    static final String LEDGER_INPUTS = "ledgerInputs";
    /** Parameter: how many inputs after the ledgers are statements; the rest are open items. */
    static final String STATEMENT_INPUTS = "statementInputs";
    /** Parameter: how unmatched entries were aged ({@link Ageing}). */
    static final String AGEING = "ageing";

    private ReconcileStage() {
    }

    public static void run(Options options, Map<String, String> environment, PrintStream console) throws IOException {
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
        writeResults(outcome, rules, options.statements().size(), options.out(), environment);
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
                + " (matches.csv, unmatched_ledger.csv, unmatched_statement.csv, summary.json, manifest.json, result.json);"
                + " open items for the next run in " + ReconciliationPipeline.OPEN_ITEMS);
    }

    /** Each account's {@code result.json}, as the processing service writes it; signed when a key is in the environment. */
    private static void writeResults(ReconciliationPipeline.Outcome outcome, ReconciliationRules rules,
            int statementInputs, Path out, Map<String, String> environment) throws IOException {
        List<InputObject> inputs = outcome.inputs().stream()
                .map(i -> new InputObject("", i.name(), "", i.sha256())).toList();
        String key = environment.getOrDefault(ManifestSigner.KEY_VARIABLE, "");
        for (AccountReconciliation account : outcome.result().accounts()) {
            ResultManifest manifest = ResultManifest.unsigned(inputs, parameters(account, rules, statementInputs),
                    Instant.now());
            ReconciliationDocument document = document(outcome, account, rules, manifest);
            if (!key.isBlank()) {
                document = ManifestSigner.withKey(key).sign(document);
            }
            Path file = out.resolve(account.account().value()).resolve("result.json");
            Files.createDirectories(file.getParent());
            Files.write(file, ReconciliationDocument.write(document));
        }
    }

    /**
     * One account's document of a run: {@code rejectedRows} counts the run's rejected rows when it has one
     * account only (they are not attributed to accounts). {@code replay} builds it the same way.
     */
    static ReconciliationDocument document(ReconciliationPipeline.Outcome outcome, AccountReconciliation account,
            ReconciliationRules rules, ResultManifest manifest) {
        long rejected = outcome.result().accounts().size() == 1 ? outcome.rejectedRows() : 0;
        return ReconciliationDocument.of(account, rules, rejected, manifest);
    }

    /**
     * The manifest's parameters: the rules, and what a replay needs to run the job again from the manifest
     * alone: how many of the inputs (in the order read: ledgers, statements, open items) are of each side,
     * and how entries were aged.
     */
    static Map<String, String> parameters(AccountReconciliation account, ReconciliationRules rules,
            int statementInputs) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("account", account.account().value());
        parameters.put("businessDate", account.businessDate().toString());
        parameters.put("rules", rules.enabled().stream().map(MatchRule::id).collect(Collectors.joining(",")));
        parameters.put("valueDateWindowBusinessDays", Integer.toString(rules.valueDateWindowBusinessDays()));
        parameters.put("toleranceAbsolute", rules.tolerance().absolute().toPlainString());
        parameters.put("toleranceBasisPoints", rules.tolerance().basisPoints().toPlainString());
        parameters.put("aggregateMaxEntries", Integer.toString(rules.aggregate().maxEntries()));
        parameters.put(LEDGER_INPUTS, "1");
        parameters.put(STATEMENT_INPUTS, Integer.toString(statementInputs));
        parameters.put(AGEING, Ageing.BY_BOOKING_DATE.name());
        return parameters;
    }
}
