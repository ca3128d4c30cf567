package com.nightshift.recon.engine;

import com.nightshift.common.transaction.AccountId;
import com.nightshift.common.transaction.Transaction;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Currency;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reconciles the ledger rows of one (account, business date) against the statement rows of the
 * same pair, applying its {@link MatchRule}s in order, each to what the earlier ones left.
 *
 * <p>The business date is the booking date: every row given must have the account and booking date
 * being reconciled, else {@link IllegalArgumentException} (staged files are grouped that way, so a
 * stray row means a caller bug). Stateless and thread-safe.
 */
public final class ReconciliationEngine {

    /**
     * The order that makes results deterministic: entry id, then the other fields, so that rows
     * sharing an entry id (two staged files of one pair may) still sort the same way every run.
     */
    public static final Comparator<Transaction> ENTRY_ORDER = Comparator
            .comparing(Transaction::entryId)
            .thenComparing(Transaction::amount)
            .thenComparing(t -> t.amount().toPlainString())
            .thenComparing(t -> t.currency().getCurrencyCode())
            .thenComparing(Transaction::reference)
            .thenComparing(Transaction::counterparty)
            .thenComparing(Transaction::description)
            .thenComparing(Transaction::valueDate);

    private final List<MatchRule> rules;

    private ReconciliationEngine(List<MatchRule> rules) {
        this.rules = List.copyOf(rules);
        if (this.rules.isEmpty()) {
            throw new IllegalArgumentException("at least one match rule is needed");
        }
    }

    /** An engine applying {@code rules} in the order given. */
    public static ReconciliationEngine withRules(List<MatchRule> rules) {
        return new ReconciliationEngine(rules);
    }

    /** Today's rule set: {@link ExactMatchRule} alone. */
    public static ReconciliationEngine exactMatching() {
        return new ReconciliationEngine(List.of(new ExactMatchRule()));
    }

    public ReconciliationResult reconcile(AccountId account, LocalDate businessDate, List<Transaction> ledger,
                                          List<Transaction> statement) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(businessDate, "businessDate");
        requireBelongs("ledger", ledger, account, businessDate);
        requireBelongs("statement", statement, account, businessDate);

        List<Transaction> openLedger = distinctInstances(ledger);
        List<Transaction> openStatement = distinctInstances(statement);
        List<MatchedPair> matched = new ArrayList<>();
        for (MatchRule rule : rules) {
            List<MatchedPair> pairs = rule.pair(List.copyOf(openLedger), List.copyOf(openStatement));
            // Rows are removed by identity: equal rows are distinct rows, and each may match once.
            Set<Transaction> usedLedger = Collections.newSetFromMap(new IdentityHashMap<>());
            Set<Transaction> usedStatement = Collections.newSetFromMap(new IdentityHashMap<>());
            for (MatchedPair pair : pairs) {
                if (!usedLedger.add(pair.ledger()) || !usedStatement.add(pair.statement())) {
                    throw new IllegalStateException("rule '" + rule.name() + "' used a row twice: " + pair);
                }
            }
            removeAll(openLedger, usedLedger, rule);
            removeAll(openStatement, usedStatement, rule);
            matched.addAll(pairs);
        }
        matched.sort(Comparator.comparing(MatchedPair::ledger, ENTRY_ORDER)
                .thenComparing(MatchedPair::statement, ENTRY_ORDER));

        var counts = new ReconciliationCounts(ledger.size(), statement.size(), matched.size(), openLedger.size(),
                openStatement.size());
        return new ReconciliationResult(account, businessDate, counts, matched, openLedger, openStatement,
                totals(ledger, statement));
    }

    /**
     * Sorted copies, one fresh instance per row: rows are tracked by identity, and a caller may pass
     * the same instance twice for what are two rows in the files.
     */
    private static List<Transaction> distinctInstances(List<Transaction> rows) {
        List<Transaction> copies = new ArrayList<>(rows.size());
        for (Transaction t : rows) {
            copies.add(new Transaction(t.entryId(), t.account(), t.bookingDate(), t.valueDate(), t.amount(),
                    t.currency(), t.counterparty(), t.reference(), t.description()));
        }
        copies.sort(ENTRY_ORDER);
        return copies;
    }

    private static void requireBelongs(String side, List<Transaction> rows, AccountId account, LocalDate date) {
        for (Transaction row : rows) {
            if (!row.account().equals(account) || !row.bookingDate().equals(date)) {
                throw new IllegalArgumentException(side + " entry '" + row.entryId() + "' is for ("
                        + row.account() + ", " + row.bookingDate() + "), not (" + account + ", " + date + ")");
            }
        }
    }

    private static void removeAll(List<Transaction> open, Set<Transaction> used, MatchRule rule) {
        int before = open.size();
        open.removeIf(used::contains);
        if (before - open.size() != used.size()) {
            throw new IllegalStateException("rule '" + rule.name() + "' matched a row it was not given");
        }
    }

    private static List<CurrencyTotals> totals(List<Transaction> ledger, List<Transaction> statement) {
        Map<String, BigDecimal[]> sums = new TreeMap<>();
        ledger.forEach(t -> add(sums, t, 0));
        statement.forEach(t -> add(sums, t, 1));
        return sums.entrySet().stream()
                .map(e -> new CurrencyTotals(Currency.getInstance(e.getKey()), e.getValue()[0], e.getValue()[1]))
                .toList();
    }

    private static void add(Map<String, BigDecimal[]> sums, Transaction t, int side) {
        BigDecimal[] both = sums.computeIfAbsent(t.currency().getCurrencyCode(),
                c -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        both[side] = both[side].add(t.amount());
    }
}
