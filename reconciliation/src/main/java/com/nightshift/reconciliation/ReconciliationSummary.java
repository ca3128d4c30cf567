package com.nightshift.reconciliation;

import com.nightshift.common.transaction.Transaction;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The document {@code summary.json}: per account and currency, how many entries each rule matched and
 * their sums on each side, and what stays open. One typed record for whoever writes or reads it
 * ({@link ResultDocuments}); reading fails on a missing or unknown field.
 *
 * <p>Immutable. Currencies are in code order, every rule of {@link MatchRule} appears once per currency
 * (zero when it matched nothing), and the numbers add up: for each side, the entries and amounts of all
 * rules plus the unmatched ones are the side's totals.
 */
public record ReconciliationSummary(String account, LocalDate businessDate, List<CurrencySummary> currencies) {

    public ReconciliationSummary {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(businessDate, "businessDate");
        currencies = List.copyOf(currencies);
    }

    /**
     * One currency of the account. {@code ledger} and {@code statement} are everything reconciled tonight,
     * open items included.
     */
    public record CurrencySummary(Currency currency, Totals ledger, Totals statement, List<RuleSummary> rules,
                                  OpenTotals unmatchedLedger, OpenTotals unmatchedStatement) {
        public CurrencySummary {
            Objects.requireNonNull(currency, "currency");
            Objects.requireNonNull(ledger, "ledger");
            Objects.requireNonNull(statement, "statement");
            rules = List.copyOf(rules);
            Objects.requireNonNull(unmatchedLedger, "unmatchedLedger");
            Objects.requireNonNull(unmatchedStatement, "unmatchedStatement");
        }
    }

    /**
     * What one rule matched: {@code amountDifference} is the statement sum minus the ledger sum.
     */
    public record RuleSummary(MatchRule rule, long matches, Totals ledger, Totals statement,
                              BigDecimal amountDifference) {
        public RuleSummary {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(ledger, "ledger");
            Objects.requireNonNull(statement, "statement");
            Objects.requireNonNull(amountDifference, "amountDifference");
        }
    }

    /** A number of entries and the exact sum of their amounts. */
    public record Totals(long entries, BigDecimal amount) {
        public Totals {
            Objects.requireNonNull(amount, "amount");
        }
    }

    /**
     * Entries left open on one side: how many, their sum, how many of them were already open before tonight,
     * and the age in days of the oldest (0 when there is none).
     */
    public record OpenTotals(long entries, BigDecimal amount, long carriedOver, long oldestAgeDays) {
        public OpenTotals {
            Objects.requireNonNull(amount, "amount");
        }
    }

    /** The summary of one account's reconciliation. */
    public static ReconciliationSummary of(AccountReconciliation result) {
        Map<String, Accumulator> byCurrency = new TreeMap<>();
        for (Match match : result.matches()) {
            Accumulator currency = byCurrency.computeIfAbsent(match.ledger().get(0).currency().getCurrencyCode(),
                    code -> new Accumulator());
            currency.add(match);
        }
        LocalDate businessDate = result.businessDate();
        for (OpenItem item : result.unmatchedLedger()) {
            byCurrency.computeIfAbsent(item.entry().currency().getCurrencyCode(), code -> new Accumulator())
                    .ledgerOpen.add(item, businessDate);
        }
        for (OpenItem item : result.unmatchedStatement()) {
            byCurrency.computeIfAbsent(item.entry().currency().getCurrencyCode(), code -> new Accumulator())
                    .statementOpen.add(item, businessDate);
        }
        List<CurrencySummary> currencies = new ArrayList<>();
        byCurrency.forEach((code, accumulator) -> currencies.add(accumulator.summary(Currency.getInstance(code))));
        return new ReconciliationSummary(result.account().value(), businessDate, currencies);
    }

    private static final class Sum {
        long entries;
        BigDecimal amount = BigDecimal.ZERO;

        void add(Transaction t) {
            entries++;
            amount = amount.add(t.amount());
        }

        Totals totals() {
            return new Totals(entries, amount);
        }
    }

    private static final class OpenSum {
        final Sum sum = new Sum();
        long carriedOver;
        long oldest;

        void add(OpenItem item, LocalDate businessDate) {
            sum.add(item.entry());
            long age = item.ageDays(businessDate);
            if (age > 0) {
                carriedOver++;
            }
            oldest = Math.max(oldest, age);
        }

        OpenTotals totals() {
            return new OpenTotals(sum.entries, sum.amount, carriedOver, oldest);
        }
    }

    private static final class Accumulator {
        final long[] matches = new long[MatchRule.values().length];
        final Sum[] ledger = sums();
        final Sum[] statement = sums();
        final OpenSum ledgerOpen = new OpenSum();
        final OpenSum statementOpen = new OpenSum();

        private static Sum[] sums() {
            Sum[] sums = new Sum[MatchRule.values().length];
            for (int i = 0; i < sums.length; i++) {
                sums[i] = new Sum();
            }
            return sums;
        }

        void add(Match match) {
            int rule = match.rule().ordinal();
            matches[rule]++;
            match.ledger().forEach(ledger[rule]::add);
            match.statement().forEach(statement[rule]::add);
        }

        CurrencySummary summary(Currency currency) {
            List<RuleSummary> rules = new ArrayList<>();
            long ledgerEntries = ledgerOpen.sum.entries;
            long statementEntries = statementOpen.sum.entries;
            BigDecimal ledgerAmount = ledgerOpen.sum.amount;
            BigDecimal statementAmount = statementOpen.sum.amount;
            for (MatchRule rule : MatchRule.values()) {
                Sum l = ledger[rule.ordinal()];
                Sum s = statement[rule.ordinal()];
                rules.add(new RuleSummary(rule, matches[rule.ordinal()], l.totals(), s.totals(),
                        s.amount.subtract(l.amount)));
                ledgerEntries += l.entries;
                statementEntries += s.entries;
                ledgerAmount = ledgerAmount.add(l.amount);
                statementAmount = statementAmount.add(s.amount);
            }
            return new CurrencySummary(currency, new Totals(ledgerEntries, ledgerAmount),
                    new Totals(statementEntries, statementAmount), rules, ledgerOpen.totals(), statementOpen.totals());
        }
    }
}
