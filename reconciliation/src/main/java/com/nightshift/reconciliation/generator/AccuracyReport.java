package com.nightshift.reconciliation.generator;

import com.nightshift.common.transaction.Transaction;
import com.nightshift.common.io.InputFile;
import com.nightshift.reconciliation.OpenItem;
import com.nightshift.common.io.OutputSink;
import com.nightshift.reconciliation.Reconciliation;
import com.nightshift.reconciliation.ReconciliationInputs;
import com.nightshift.reconciliation.ReconciliationResult;
import com.nightshift.reconciliation.ReconciliationRules;
import com.nightshift.reconciliation.ResultWriter;
import com.nightshift.reconciliation.RulesFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Prints the engine's precision and recall per rule on a generated data set, and how long each stage
 * took. It runs the whole path a night takes, through files: the generator writes ledger, statements,
 * open items and truth as CSV; the report reads them back (with checksums), reconciles, writes every
 * account's result files, and compares the matches with the truth ({@link Accuracy}).
 *
 * <p>The times are one run's wall-clock times, for orientation: not a benchmark (no warm-up, one JVM).
 * {@code --help} lists the options.
 */
@Command(name = "accuracy-report", mixinStandardHelpOptions = true,
        versionProvider = ReconciliationDataGenerator.Version.class,
        description = "Generates a seeded data set, reconciles it through files, and prints precision and recall per rule.")
public final class AccuracyReport implements Callable<Integer> {

    @Mixin
    DataSetOptions dataSet = new DataSetOptions();

    @Option(names = "--rules", description = "A rules file (default: the default rules).")
    Path rules;

    @Option(names = "--threads", defaultValue = "1", description = "Threads for matching (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--work-dir",
            description = "Where the data set and results are written and kept (default: a temporary folder, deleted).")
    Path workDirectory;

    private final PrintStream out;

    public AccuracyReport() {
        this(System.out);
    }

    AccuracyReport(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(ReconciliationDataGenerator.commandLine(new AccuracyReport()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        ReconciliationRules effective = rules == null ? ReconciliationRules.defaults() : RulesFile.read(rules);
        Path directory = workDirectory != null ? workDirectory : Files.createTempDirectory("accuracy-report");
        try {
            report(effective, directory);
        } finally {
            if (workDirectory == null) {
                deleteTree(directory);
            }
        }
        return 0;
    }

    private void report(ReconciliationRules effective, Path directory) throws Exception {
        long start = System.nanoTime();
        // Only the files are kept: the reconciliation below reads them like a night would.
        ReconciliationDataGenerator.generate(
                dataSet.settings(effective))
                .write(directory);
        long generated = System.nanoTime();

        var ledger = ReconciliationInputs.transactions(directory.resolve(ReconciliationDataGenerator.LEDGER_FILE));
        var statements = ReconciliationInputs.transactions(directory.resolve(ReconciliationDataGenerator.STATEMENT_FILE));
        var open = ReconciliationInputs.openItems(directory.resolve(ReconciliationDataGenerator.OPEN_ITEMS_FILE));
        long parsed = System.nanoTime();

        List<Transaction> ledgerEntries = ledger.records();
        List<Transaction> statementEntries = statements.records();
        List<OpenItem> openItems = open.records();
        ReconciliationResult result = Reconciliation.run(ledgerEntries, statementEntries, openItems, effective,
                dataSet.businessDate, threads);
        long matched = System.nanoTime();

        List<InputFile> inputs = List.of(ledger.file(), statements.file(), open.file());
        new ResultWriter(inputs).writeAll(result, OutputSink.directory(directory.resolve("results")));
        long written = System.nanoTime();

        List<TruthRow> truth;
        try (InputStream in = Files.newInputStream(directory.resolve(ReconciliationDataGenerator.TRUTH_FILE))) {
            truth = new TruthCsvCodec().readAll(in).records();
        }
        Accuracy accuracy = Accuracy.measure(truth, result);

        out.printf(Locale.ROOT, "seed %d: %d accounts, %d ledger and %d statement entries, %d open items%s%n", dataSet.seed,
                dataSet.accounts, ledgerEntries.size(), statementEntries.size(), openItems.size(),
                ledger.rejected().size() + statements.rejected().size() + open.rejected().size() == 0 ? ""
                        : " (rows rejected!)");
        out.print(table(accuracy));
        out.printf(Locale.ROOT, "times: generate %d ms; parse %d ms, match %d ms (%d thread%s), write %d ms"
                        + " = %d ms%n", millis(start, generated), millis(generated, parsed), millis(parsed, matched),
                threads, threads == 1 ? "" : "s", millis(matched, written), millis(generated, written));
        if (workDirectory != null) {
            out.println("data set and results in " + directory);
        }
    }

    /** The accuracy as a text table: one line per rule, all rules, and unmatched entries. */
    public static String table(Accuracy accuracy) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-10s %9s %9s %9s %10s %9s%n",
                "rule", "expected", "found", "correct", "precision", "recall"));
        for (Accuracy.Figures figures : accuracy.rules()) {
            line(table, figures);
        }
        line(table, accuracy.all());
        line(table, accuracy.unmatched());
        return table.toString();
    }

    private static void line(StringBuilder table, Accuracy.Figures f) {
        table.append(String.format(Locale.ROOT, "%-10s %9d %9d %9d %9.3f%% %8.3f%%%n", f.name(), f.expected(),
                f.found(), f.correct(), 100 * f.precision(), 100 * f.recall()));
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    private static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
