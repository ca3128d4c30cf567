package com.nightshift.reporting;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import com.nightshift.reconciliation.ReconciliationDocument;
import com.nightshift.reporting.pdf.ReportDocument;
import com.nightshift.reporting.pdf.ReportSection;
import com.nightshift.reporting.pdf.TableColumn;

/**
 * The reconciliation report of one business date, composed from every account's result document of that
 * date ({@code results/recon/<date>/<account>/result.json}): the totals of the night, a summary per
 * account, the totals per account and currency, the ageing of what stays open as a bar chart, the breaks
 * (entries first seen tonight that stay unmatched) largest first, the open items carried from earlier
 * nights oldest first, the matches with an amount difference, and each account's manifest. Every figure
 * is taken from the documents; amounts are shown exactly as computed.
 *
 * <p>Tables are one row per item, so the report stays readable however many items there are (the
 * renderer continues a table over pages with its header repeated): 100,000 listed items make about 2,400
 * pages.
 */
public final class ReconciliationReport {

    /** The age buckets of the ageing chart: upper bounds in days, inclusive; the last is open-ended. */
    static final List<AgeBucket> AGE_BUCKETS = List.of(new AgeBucket("0 days", 0, 0), new AgeBucket("1-2 days", 1, 2),
            new AgeBucket("3-5 days", 3, 5), new AgeBucket("6-10 days", 6, 10), new AgeBucket("11-30 days", 11, 30),
            new AgeBucket("over 30 days", 31, Long.MAX_VALUE));

    /** Open items of {@code from} to {@code to} days of age, both inclusive. */
    record AgeBucket(String label, long from, long to) {
        boolean holds(long ageDays) {
            return ageDays >= from && ageDays <= to;
        }
    }

    /** One unmatched entry of one account, for the lists. */
    private record Listed(String account, String side, ReconciliationDocument.Item item, BigDecimal amount) {
    }

    private ReconciliationReport() {
    }

    /**
     * The report of {@code businessDate} from the result documents of its accounts, in any order.
     *
     * @throws IllegalArgumentException if a document is of another date, or two are of the same account
     */
    public static ReportDocument compose(LocalDate businessDate, List<ReconciliationDocument> results, String runId,
            Instant generatedAt) {
        Objects.requireNonNull(businessDate, "business date");
        List<ReconciliationDocument> accounts = new ArrayList<>(results);
        accounts.sort(Comparator.comparing(ReconciliationDocument::account));
        for (int i = 0; i < accounts.size(); i++) {
            ReconciliationDocument d = accounts.get(i);
            if (!d.businessDate().equals(businessDate)) {
                throw new IllegalArgumentException("the result of account " + d.account() + " is of " + d.businessDate()
                        + ", not of the report's business date " + businessDate);
            }
            if (i > 0 && accounts.get(i - 1).account().equals(d.account())) {
                throw new IllegalArgumentException("two results of account " + d.account() + " for " + businessDate);
            }
        }
        List<String> rules = rules(accounts);
        List<Listed> unmatched = unmatched(accounts);

        List<ReportSection> sections = new ArrayList<>();
        sections.add(ReportSection.keyFigures("The night", nightFigures(accounts, rules, unmatched)));
        if (!accounts.isEmpty()) {
            sections.add(perAccount(accounts, rules));
            sections.add(totals(accounts));
        }
        sections.add(ageing(unmatched));
        List<Listed> breaks = unmatched.stream().filter(l -> l.item().firstSeen().equals(businessDate))
                .sorted(Comparator.comparing((Listed l) -> l.amount().abs()).reversed()
                        .thenComparing(Comparator.comparingLong((Listed l) -> l.item().ageDays()).reversed())
                        .thenComparing(Listed::account).thenComparing(l -> l.item().entryId()))
                .toList();
        List<Listed> carried = unmatched.stream().filter(l -> l.item().firstSeen().isBefore(businessDate))
                .sorted(Comparator.comparingLong((Listed l) -> l.item().ageDays()).reversed()
                        .thenComparing(Comparator.comparing((Listed l) -> l.amount().abs()).reversed())
                        .thenComparing(Listed::account).thenComparing(l -> l.item().entryId()))
                .toList();
        sections.add(items("Breaks: entries first seen tonight that stay unmatched, largest amount first", breaks));
        sections.add(items("Open items carried from earlier nights, oldest first, then largest amount", carried));
        sections.add(differences(accounts));
        sections.add(ReportSection.paragraph("Manifests", manifests(accounts)));

        return ReportDocument.of("Reconciliation " + businessDate, List.of(
                "Business date " + businessDate + ", " + Figures.count(accounts.size())
                        + (accounts.size() == 1 ? " account" : " accounts"),
                "Match rules, in the order they ran: " + (rules.isEmpty() ? "none" : String.join(", ", rules))
                        + "; the entries of each night include the open items of earlier nights"),
                businessDate, runId, generatedAt, sections);
    }

    /** The rules every account ran, in order; when accounts ran different rules, each distinct order once. */
    private static List<String> rules(List<ReconciliationDocument> accounts) {
        Set<List<String>> orders = new LinkedHashSet<>();
        accounts.forEach(a -> orders.add(a.rules()));
        if (orders.size() <= 1) {
            return orders.isEmpty() ? List.of() : orders.iterator().next();
        }
        Set<String> union = new LinkedHashSet<>();
        orders.forEach(union::addAll);
        return List.copyOf(union);
    }

    private static List<Listed> unmatched(List<ReconciliationDocument> accounts) {
        List<Listed> all = new ArrayList<>();
        for (ReconciliationDocument a : accounts) {
            a.unmatchedLedger().forEach(i -> all.add(new Listed(a.account(), "ledger", i, new BigDecimal(i.amount()))));
            a.unmatchedStatement().forEach(i -> all.add(new Listed(a.account(), "statement", i, new BigDecimal(i.amount()))));
        }
        return all;
    }

    private static Map<String, String> nightFigures(List<ReconciliationDocument> accounts, List<String> rules,
            List<Listed> unmatched) {
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("Accounts", Figures.count(accounts.size()));
        figures.put("Ledger entries", Figures.count(sum(accounts, a -> a.counts().ledgerRows())));
        figures.put("Statement entries", Figures.count(sum(accounts, a -> a.counts().statementRows())));
        figures.put("Matches", Figures.count(sum(accounts, a -> a.counts().matched())));
        for (String rule : rules) {
            figures.put("Matches by rule " + rule, Figures.count(sum(accounts, a -> a.counts().matchedByRule()
                    .getOrDefault(rule, 0L))));
        }
        figures.put("Matches with an amount difference", Figures.count(sum(accounts, ReconciliationReport::withDifference)));
        figures.put("Unmatched ledger entries", Figures.count(sum(accounts, a -> a.counts().unmatchedLedger())));
        figures.put("Unmatched statement entries", Figures.count(sum(accounts, a -> a.counts().unmatchedStatement())));
        figures.put("Of these carried from earlier nights", Figures.count(unmatched.stream()
                .filter(l -> l.item().ageDays() > 0).count()));
        figures.put("Staged rows rejected by the reconciliation (entry id already read)",
                Figures.count(sum(accounts, a -> a.counts().rejectedRows())));
        return figures;
    }

    private static long withDifference(ReconciliationDocument a) {
        return a.matches().stream().filter(m -> new BigDecimal(m.difference()).signum() != 0).count();
    }

    private static long sum(List<ReconciliationDocument> accounts, java.util.function.ToLongFunction<ReconciliationDocument> f) {
        return accounts.stream().mapToLong(f).sum();
    }

    private static ReportSection perAccount(List<ReconciliationDocument> accounts, List<String> rules) {
        List<TableColumn> columns = new ArrayList<>();
        columns.add(TableColumn.left("Account"));
        columns.add(TableColumn.right("Ledger"));
        columns.add(TableColumn.right("Statement"));
        rules.forEach(r -> columns.add(TableColumn.right("Matched " + r)));
        columns.add(TableColumn.right("With difference"));
        columns.add(TableColumn.right("Unmatched ledger"));
        columns.add(TableColumn.right("Unmatched statement"));
        List<List<String>> rows = new ArrayList<>();
        for (ReconciliationDocument a : accounts) {
            List<String> row = new ArrayList<>();
            row.add(a.account());
            row.add(Figures.count(a.counts().ledgerRows()));
            row.add(Figures.count(a.counts().statementRows()));
            rules.forEach(r -> row.add(Figures.count(a.counts().matchedByRule().getOrDefault(r, 0L))));
            row.add(Figures.count(withDifference(a)));
            row.add(Figures.count(a.counts().unmatchedLedger()));
            row.add(Figures.count(a.counts().unmatchedStatement()));
            rows.add(row);
        }
        return ReportSection.Table.of("Summary per account: entries, matches per rule, what stays unmatched", columns, rows);
    }

    private static ReportSection totals(List<ReconciliationDocument> accounts) {
        List<List<String>> rows = new ArrayList<>();
        for (ReconciliationDocument a : accounts) {
            a.totals().forEach(t -> rows.add(List.of(a.account(), t.currency(), Figures.amount(t.ledger()),
                    Figures.amount(t.statement()), Figures.amount(t.difference()))));
        }
        return ReportSection.Table.of("Totals per account and currency (difference: statement minus ledger)",
                List.of(TableColumn.left("Account"), TableColumn.left("Currency"), TableColumn.right("Ledger"),
                        TableColumn.right("Statement"), TableColumn.right("Difference")), rows);
    }

    private static ReportSection ageing(List<Listed> unmatched) {
        List<ReportSection.BarChart.Bar> bars = AGE_BUCKETS.stream().map(b -> new ReportSection.BarChart.Bar(b.label(),
                unmatched.stream().filter(l -> b.holds(l.item().ageDays())).count())).toList();
        return new ReportSection.BarChart("Ageing of the unmatched entries (open items per age bucket)",
                "unmatched entries", bars);
    }

    private static ReportSection items(String heading, List<Listed> items) {
        List<List<String>> rows = new ArrayList<>(items.size());
        for (Listed l : items) {
            ReconciliationDocument.Item i = l.item();
            rows.add(List.of(l.account(), l.side(), i.entryId(), i.reference(), i.valueDate().toString(),
                    i.firstSeen().toString(), Long.toString(i.ageDays()), Figures.amount(l.amount()), i.currency()));
        }
        return ReportSection.Table.of(heading + " (" + Figures.count(items.size()) + ")", List.of(
                TableColumn.left("Account"), TableColumn.left("Side"), TableColumn.left("Entry"),
                TableColumn.left("Reference"), TableColumn.left("Value date"), TableColumn.left("First seen"),
                TableColumn.right("Age (days)"), TableColumn.right("Amount"), TableColumn.left("Ccy")), rows);
    }

    private static ReportSection differences(List<ReconciliationDocument> accounts) {
        record Row(String account, ReconciliationDocument.Match match, BigDecimal difference) {
        }
        List<Row> rows = new ArrayList<>();
        accounts.forEach(a -> a.matches().forEach(m -> {
            BigDecimal difference = new BigDecimal(m.difference());
            if (difference.signum() != 0) {
                rows.add(new Row(a.account(), m, difference));
            }
        }));
        rows.sort(Comparator.comparing((Row r) -> r.difference().abs()).reversed().thenComparing(Row::account)
                .thenComparing(r -> String.join(";", r.match().ledgerEntryIds())));
        return ReportSection.Table.of("Matches with an amount difference, largest first (statement minus ledger)",
                List.of(TableColumn.left("Account"), TableColumn.left("Rule"), TableColumn.left("Ledger entries"),
                        TableColumn.left("Statement entries"), TableColumn.right("Value days"),
                        TableColumn.right("Difference")),
                rows.stream().map(r -> List.of(r.account(), r.match().rule(), String.join("; ", r.match().ledgerEntryIds()),
                        String.join("; ", r.match().statementEntryIds()),
                        Integer.toString(r.match().valueDateDifferenceDays()), Figures.amount(r.difference()))).toList());
    }

    private static String manifests(List<ReconciliationDocument> accounts) {
        if (accounts.isEmpty()) {
            return "No account has a reconciliation result for this date.";
        }
        return accounts.stream().map(a -> {
            StringBuilder text = new StringBuilder(a.account()).append(": computed ")
                    .append(Figures.utc(a.manifest().createdAt())).append(" by code version ")
                    .append(a.manifest().codeVersion()).append(", signature (HMAC-SHA256) ")
                    .append(a.manifest().signature().isEmpty() ? "none" : a.manifest().signature()).append('\n');
            a.manifest().inputs().forEach(i -> text.append("  ")
                    .append(i.bucket().isEmpty() ? i.key() : "s3://" + i.bucket() + "/" + i.key())
                    .append("  sha256 ").append(i.sha256()).append('\n'));
            text.append("  parameters: ").append(a.manifest().parameters().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
            return text.toString();
        }).collect(Collectors.joining("\n"));
    }
}
