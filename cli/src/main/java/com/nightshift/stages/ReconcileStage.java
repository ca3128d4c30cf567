package com.nightshift.stages;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.nightshift.common.json.JsonCodec;
import com.nightshift.common.transaction.AccountId;
import com.nightshift.common.transaction.Transaction;
import com.nightshift.common.transaction.TransactionCsvCodec;
import com.nightshift.recon.engine.ExactMatchRule;
import com.nightshift.recon.engine.ReconciliationEngine;
import com.nightshift.recon.engine.ReconciliationResult;
import com.nightshift.recon.service.ReconciliationDocument;

/**
 * {@code nightshift reconcile --ledger FILE --statement FILE [--out DIR]}: the reconciliation engine on
 * local files, per (account, booking date) present on both sides; result documents as the service
 * writes them, under {@code DIR/results/recon/}.
 */
public final class ReconcileStage {

    private ReconcileStage() {
    }

    private record Pair(String account, LocalDate date) implements Comparable<Pair> {
        @Override
        public int compareTo(Pair other) {
            int byAccount = account.compareTo(other.account);
            return byAccount != 0 ? byAccount : date.compareTo(other.date);
        }
    }

    public static void run(Path ledgerFile, Path statementFile, Path out, Map<String, String> environment,
                           PrintStream console) throws IOException {
        LocalInputs inputs = new LocalInputs(console);
        TransactionCsvCodec codec = new TransactionCsvCodec();
        Map<Pair, List<Transaction>> ledger = byPair(inputs.read(LocalInputs.existing(ledgerFile, "--ledger"), codec));
        Map<Pair, List<Transaction>> statement = byPair(inputs.read(LocalInputs.existing(statementFile, "--statement"), codec));
        ReconciliationEngine engine = ReconciliationEngine.exactMatching();

        console.println("account          date        ledger  statement  matched  unmatched-ledger  unmatched-statement");
        for (var entry : new TreeMap<>(ledger).entrySet()) {
            Pair pair = entry.getKey();
            List<Transaction> statementRows = statement.get(pair);
            if (statementRows == null) {
                console.printf("%-16s %s  no statement rows for this account and date%n", pair.account(), pair.date());
                continue;
            }
            ReconciliationResult result = engine.reconcile(AccountId.of(pair.account()), pair.date(), entry.getValue(),
                    statementRows);
            var counts = result.counts();
            console.printf("%-16s %s %7d %10d %8d %17d %20d%n", pair.account(), pair.date(), counts.ledgerRows(),
                    counts.statementRows(), counts.matched(), counts.unmatchedLedger(), counts.unmatchedStatement());
            Path file = out.resolve("results/recon/" + pair.date() + "/" + pair.account() + "/result.json");
            Files.createDirectories(file.getParent());
            Files.write(file, JsonCodec.writeBytes(ReconciliationDocument.of(result, List.of(ExactMatchRule.NAME),
                    inputs.manifest(Map.of("rules", ExactMatchRule.NAME, "account", pair.account(),
                            "businessDate", pair.date().toString()), null, environment))));
        }
        statement.keySet().stream().filter(pair -> !ledger.containsKey(pair)).sorted().forEach(pair ->
                console.printf("%-16s %s  no ledger rows for this account and date%n", pair.account(), pair.date()));
        console.println("results in " + out.resolve("results/recon").toAbsolutePath());
    }

    private static Map<Pair, List<Transaction>> byPair(List<Transaction> rows) {
        return rows.stream().collect(Collectors.groupingBy(t -> new Pair(t.account().value(), t.bookingDate()),
                TreeMap::new, Collectors.toList()));
    }
}
