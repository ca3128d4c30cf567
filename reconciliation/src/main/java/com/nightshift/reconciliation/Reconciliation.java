package com.nightshift.reconciliation;

import com.nightshift.common.transaction.AccountId;
import com.nightshift.common.transaction.Transaction;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;

/**
 * The reconciliation engine: tonight's ledger and statement entries, and the entries still open from
 * earlier nights, matched by the rules of a {@link ReconciliationRules}. Plain Java; stateless and
 * thread-safe; the result is deterministic.
 *
 * <h2>What matches</h2>
 * Entries match only within one account and currency, across booking dates. The rules run in this order,
 * each on what the earlier ones left, and every entry is used at most once:
 * <ol>
 *   <li><b>exact</b>: equal amounts (by value: 10.5 equals 10.50) and equal non-empty normalised
 *       references, value dates at most the window apart in business days. The normalised form is NFKC,
 *       then letters and digits only, upper-cased ({@code inv-2026/0042} is {@code INV20260042}). A
 *       statement entry's references are its reference field and every ledger reference found in its
 *       description (see below); a match on the reference field is preferred over one found in the text.
 *   <li><b>tolerance</b>: amounts within the tolerance ({@link ReconciliationRules.Tolerance#allows}),
 *       value dates within the window, and an equal non-empty normalised reference or counterparty.
 *   <li><b>aggregate</b>: one statement entry equal to the exact sum of 2..K open ledger entries of its
 *       sign, each within the window of its value date, that all share one of its references or all share
 *       its counterparty (a batch payment); then the reverse, one ledger entry and 2..K statement entries.
 *   <li>everything left is <b>unmatched</b> and becomes an {@link OpenItem} for the next night, keeping
 *       the date it was first seen.
 * </ol>
 * Two empty references (or counterparties) are never equal, so entries never match on amount alone.
 * A ledger reference is found in a statement's description when it is at least
 * {@value References#MIN_TEXT_REFERENCE_LENGTH} characters long and appears in the normalised description
 * from a word start to a word end ({@code INV-2026-0042} in {@code "Payment /inv 2026 0042/"}). Amounts of
 * 10^14 currency units or more are never matched (they stay unmatched, visibly).
 *
 * <h2>Conflicts</h2>
 * When an entry could match several, exact and tolerance pairs are chosen greedily, best pair first:
 * <ol>
 *   <li>for tolerance, a pair with equal references before a pair with only equal counterparties;
 *   <li>the smaller absolute amount difference (for exact pairs always zero): two payments of nearly the
 *       same amount to one counterparty pair by amount before a day's shift can cross them;
 *   <li>the smaller value-date distance in business days;
 *   <li>the ledger entry first in entry order, then the statement entry first in entry order.
 * </ol>
 * Entry order is entry id, then value date, amount, reference, counterparty, description, booking date and
 * first-seen date; entries equal in all of these are interchangeable. Aggregates take totals in entry
 * order; each total takes the best subset among the open candidates sharing one of its references, or
 * failing that its counterparty: the smallest largest value-date distance, then the fewest entries, then
 * the entries first in entry order. So the result depends on the entries, not on the order they are
 * given in nor on the number of threads.
 *
 * <h2>Bounds</h2>
 * No input makes the work grow faster than the number of entries. A candidate list of the exact (text
 * reference) or tolerance rule is read up to {@value Matcher#MAX_CANDIDATES} entries per statement
 * entry; a reference and amount shared by more than {@value Matcher#SMALL_BUCKET} ledger entries is
 * paired distance level by distance level, which makes the same choice as the greedy order above without
 * listing every pair. An aggregate total looks at up to {@value Matcher#AGGREGATE_EXAMINED} entries per
 * key within its window (earliest first), searches the subsets of the
 * {@value Matcher#MAX_AGGREGATE_CANDIDATES} nearest by value date, and tries at most
 * {@value Matcher#AGGREGATE_SEARCH_BUDGET} subsets. Past a bound an entry may stay unmatched (or pair with
 * another look-alike) where a wider search would have matched it; every match still meets its rule.
 *
 * <h2>Performance</h2>
 * Groups (account, currency) are independent and run on up to {@code threads} threads. Within a group the
 * work is hashing and sorting: references are normalised once per entry, exact matches are hash lookups,
 * tolerance candidates come from amount-sorted lists, aggregates from value-date-sorted lists.
 */
public final class Reconciliation {

    private Reconciliation() {
    }

    /** Reconciles on the calling thread; see {@link #run(Collection, Collection, Collection, ReconciliationRules, LocalDate, int)}. */
    public static ReconciliationResult run(Collection<Transaction> ledger, Collection<Transaction> statements,
                                           Collection<OpenItem> openItems, ReconciliationRules rules,
                                           LocalDate businessDate) {
        return run(ledger, statements, openItems, rules, businessDate, 1);
    }

    /**
     * Reconciles tonight's {@code ledger} and {@code statements} (first seen on {@code businessDate}) and the
     * {@code openItems} of earlier nights under {@code rules}, on up to {@code threads} threads.
     *
     * @throws IllegalArgumentException if an open item was first seen after {@code businessDate}, or
     *                                  {@code threads} is less than 1
     */
    public static ReconciliationResult run(Collection<Transaction> ledger, Collection<Transaction> statements,
                                           Collection<OpenItem> openItems, ReconciliationRules rules,
                                           LocalDate businessDate, int threads) {
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(statements, "statements");
        Objects.requireNonNull(openItems, "openItems");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(businessDate, "businessDate");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        Map<GroupKey, Group> groups = new HashMap<>();
        Grouper grouper = new Grouper(groups);
        for (Transaction t : ledger) {
            grouper.group(t.account(), t.currency()).ledger.add(t);
        }
        for (Transaction t : statements) {
            grouper.group(t.account(), t.currency()).statements.add(t);
        }
        for (OpenItem item : openItems) {
            if (item.firstSeen().isAfter(businessDate)) {
                throw new IllegalArgumentException(item.side() + " open item '" + item.entry().entryId()
                        + "' was first seen on " + item.firstSeen() + ", after the business date " + businessDate);
            }
            grouper.group(item.entry().account(), item.entry().currency()).openItems.add(item);
        }
        List<Group> ordered = new ArrayList<>(groups.values());
        ordered.sort(Comparator.comparing((Group g) -> g.key.account())
                .thenComparing(g -> g.key.currency().getCurrencyCode()));

        List<Matcher.Outcome> outcomes;
        if (threads == 1 || ordered.size() < 2) {
            outcomes = ordered.stream().map(g -> g.reconcile(rules, businessDate)).toList();
        } else {
            ForkJoinPool pool = new ForkJoinPool(threads);
            try {
                outcomes = pool.submit(() -> ordered.parallelStream().map(g -> g.reconcile(rules, businessDate))
                        .toList()).join();
            } finally {
                pool.shutdown();
            }
        }
        return new ReconciliationResult(businessDate, rules, byAccount(ordered, outcomes, businessDate));
    }

    private static List<AccountReconciliation> byAccount(List<Group> groups, List<Matcher.Outcome> outcomes,
                                                         LocalDate businessDate) {
        List<AccountReconciliation> accounts = new ArrayList<>();
        int i = 0;
        while (i < groups.size()) {
            AccountId account = groups.get(i).key.account();
            List<Match> matches = new ArrayList<>();
            List<OpenItem> unmatchedLedger = new ArrayList<>();
            List<OpenItem> unmatchedStatement = new ArrayList<>();
            for (; i < groups.size() && groups.get(i).key.account().equals(account); i++) {
                Matcher.Outcome outcome = outcomes.get(i);
                matches.addAll(outcome.matches());
                unmatchedLedger.addAll(outcome.unmatchedLedger());
                unmatchedStatement.addAll(outcome.unmatchedStatement());
            }
            accounts.add(new AccountReconciliation(account, businessDate, matches, unmatchedLedger, unmatchedStatement));
        }
        return accounts;
    }

    private record GroupKey(AccountId account, Currency currency) {
    }

    /** Finds an entry's group, remembering the last one: files usually come sorted by account. */
    private static final class Grouper {
        private final Map<GroupKey, Group> groups;
        private Group last;

        Grouper(Map<GroupKey, Group> groups) {
            this.groups = groups;
        }

        Group group(AccountId account, Currency currency) {
            if (last != null && last.key.currency() == currency && last.key.account().equals(account)) {
                return last;
            }
            last = groups.computeIfAbsent(new GroupKey(account, currency), Group::new);
            return last;
        }
    }

    private static final class Group {
        final GroupKey key;
        final List<Transaction> ledger = new ArrayList<>();
        final List<Transaction> statements = new ArrayList<>();
        final List<OpenItem> openItems = new ArrayList<>();

        Group(GroupKey key) {
            this.key = key;
        }

        Matcher.Outcome reconcile(ReconciliationRules rules, LocalDate businessDate) {
            Map<String, String> counterparties = new HashMap<>();
            List<Entry> ledgerEntries = new ArrayList<>(ledger.size() + openItems.size());
            List<Entry> statementEntries = new ArrayList<>(statements.size() + openItems.size());
            for (Transaction t : ledger) {
                ledgerEntries.add(new Entry(Side.LEDGER, t, businessDate, null, counterparty(counterparties, t)));
            }
            for (Transaction t : statements) {
                statementEntries.add(new Entry(Side.STATEMENT, t, businessDate, null, counterparty(counterparties, t)));
            }
            for (OpenItem item : openItems) {
                Entry entry = new Entry(item.side(), item.entry(), item.firstSeen(), item,
                        counterparty(counterparties, item.entry()));
                (item.side() == Side.LEDGER ? ledgerEntries : statementEntries).add(entry);
            }
            rank(ledgerEntries);
            rank(statementEntries);
            return new Matcher(ledgerEntries, statementEntries, rules).run();
        }

        private static String counterparty(Map<String, String> normalised, Transaction t) {
            return normalised.computeIfAbsent(t.counterparty(), References::normalise);
        }

        private static void rank(List<Entry> entries) {
            entries.sort(Entry.ORDER);
            for (int i = 0; i < entries.size(); i++) {
                entries.get(i).rank = i;
            }
        }
    }
}
