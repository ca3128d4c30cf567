package com.nightshift.reconciliation;

import com.nightshift.common.transaction.Transaction;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches the ledger entries of one (account, currency) against its statement entries, by the rules of
 * {@link Reconciliation} (its class comment is the specification, conflicts included). Both lists come
 * sorted in {@link Entry#ORDER} with their ranks set. Single use; confined to one thread.
 *
 * <p>How it stays fast: the ledger's references are hashed once, each key's entries sorted by amount, so
 * an exact match is a hash lookup and a binary search; the tolerance rule indexes the entries still open
 * by reference and by counterparty, sorted by amount, and looks only at the amounts within tolerance; the
 * aggregate rule indexes what is still open by key and value date and searches subsets of a bounded
 * candidate set. Candidate pairs that touch no other candidate are accepted without sorting.
 */
final class Matcher {

    /**
     * An exact or tolerance candidate list (one reference's or counterparty's ledger entries within the
     * window and the amount range) is read up to this many entries per statement entry; past it, in a
     * flood of look-alike entries, a statement entry may stay unmatched. Keeps every rule linear.
     */
    static final int MAX_CANDIDATES = 128;

    /** A reference and amount shared by more ledger entries than this is paired level by level. */
    static final int SMALL_BUCKET = 16;

    /** The aggregate rule looks at most at this many entries per key within the window of a total, earliest first. */
    static final int AGGREGATE_EXAMINED = 256;

    /** The aggregate rule searches the subsets of at most this many candidates, the nearest by value date. */
    static final int MAX_AGGREGATE_CANDIDATES = 20;

    /** And visits at most this many subsets per total before giving up on it (left unmatched). */
    static final int AGGREGATE_SEARCH_BUDGET = 200_000;

    private static final BigInteger HUNDRED_MILLION = BigInteger.valueOf(100_000_000L);
    /** Amounts are below 10^18 units, so no search window needs to be wider. */
    private static final long WIDEST = 1_000_000_000_000_000_000L;

    private static final Comparator<Entry> BY_RANK = Comparator.comparingInt((Entry e) -> e.rank);

    private static final Comparator<Edge> EDGE_ORDER = (a, b) -> {
        int c = Boolean.compare(b.byReference, a.byReference);
        if (c == 0) {
            c = Long.compare(a.difference, b.difference);
        }
        if (c == 0) {
            c = Integer.compare(a.distance, b.distance);
        }
        if (c == 0) {
            c = Integer.compare(a.ledger.rank, b.ledger.rank);
        }
        return c != 0 ? c : Integer.compare(a.statement.rank, b.statement.rank);
    };

    private final ReconciliationRules rules;
    private final int window;
    private final long absoluteTolerance;
    private final long basisPointUnits;
    private final List<Entry> ledger;
    private final List<Entry> statements;
    /** Each match is kept at the rank of its first ledger entry: reading the array in order sorts them. */
    private final Match[] matchByLedgerRank;
    private final EntryIndex ledgerByReference = new EntryIndex();
    private int stamp;

    /** The outcome for one group, every list in its documented order. */
    record Outcome(List<Match> matches, List<OpenItem> unmatchedLedger, List<OpenItem> unmatchedStatement) {
    }

    private static final class Edge {
        final Entry ledger;
        final Entry statement;
        final int distance;
        final long difference;
        boolean byReference;

        Edge(Entry ledger, Entry statement, int distance, long difference, boolean byReference) {
            this.ledger = ledger;
            this.statement = statement;
            this.distance = distance;
            this.difference = difference;
            this.byReference = byReference;
        }
    }

    Matcher(List<Entry> ledger, List<Entry> statements, ReconciliationRules rules) {
        this.ledger = ledger;
        this.statements = statements;
        this.rules = rules;
        this.window = rules.valueDateWindowBusinessDays();
        this.absoluteTolerance = rules.tolerance().absolute().movePointRight(Entry.AMOUNT_SCALE).longValueExact();
        this.basisPointUnits = rules.tolerance().basisPoints().movePointRight(Entry.AMOUNT_SCALE).longValueExact();
        this.matchByLedgerRank = new Match[ledger.size()];
    }

    Outcome run() {
        for (Entry l : ledger) {
            if (l.comparable && !l.reference.isEmpty()) {
                ledgerByReference.add(l.reference, l);
            }
        }
        ledgerByReference.freeze(EntryIndex.BY_AMOUNT);
        if (rules.isEnabled(MatchRule.EXACT)) {
            exactByReference();
        }
        findTextReferences();
        if (rules.isEnabled(MatchRule.EXACT)) {
            exactByTextReference();
        }
        if (rules.isEnabled(MatchRule.TOLERANCE)) {
            tolerance();
        }
        if (rules.isEnabled(MatchRule.AGGREGATE)) {
            aggregate(true);
            aggregate(false);
        }
        return outcome();
    }

    // ---- exact ----

    /**
     * Exact matches on the reference column. Each entry falls in one bucket (reference, amount), so
     * buckets resolve independently. A bucket with few ledger entries gives at most that many candidate
     * pairs per statement entry; a bucket with more ({@value #SMALL_BUCKET}+, a reference and amount that
     * recur many times) is paired level by level instead, distance 0 first, which is the same greedy
     * choice without listing every pair.
     */
    private void exactByReference() {
        List<Edge> edges = new ArrayList<>();
        Map<Entry, List<Entry>> largeBuckets = new HashMap<>();
        for (Entry s : statements) {
            if (!s.open() || s.reference.isEmpty()) {
                continue;
            }
            Entry[] candidates = ledgerByReference.get(s.reference);
            if (candidates == null) {
                continue;
            }
            int from = EntryIndex.firstWithAmountAtLeast(candidates, s.amount);
            int to = from;
            while (to < candidates.length && candidates[to].amount == s.amount && to - from <= SMALL_BUCKET) {
                to++;
            }
            if (to - from > SMALL_BUCKET) {
                // Named by its first ledger entry; statement entries arrive in entry order.
                largeBuckets.computeIfAbsent(candidates[from], first -> new ArrayList<>()).add(s);
                continue;
            }
            for (int i = from; i < to; i++) {
                Entry l = candidates[i];
                int distance = Math.abs(l.day - s.day);
                if (distance <= window) {
                    edges.add(new Edge(l, s, distance, 0, true));
                }
            }
        }
        resolve(edges, MatchRule.EXACT);
        largeBuckets.forEach(this::exactByLevels);
    }

    /**
     * The greedy choice of {@link #resolve} for one bucket of equal reference and amount: for each
     * distance from 0 to the window, each ledger entry in entry order takes the first open statement
     * entry (in entry order) at that distance.
     */
    private void exactByLevels(Entry first, List<Entry> bucketStatements) {
        Entry[] candidates = ledgerByReference.get(first.reference);
        int from = EntryIndex.firstWithAmountAtLeast(candidates, first.amount);
        int to = from;
        while (to < candidates.length && candidates[to].amount == first.amount) {
            to++;
        }
        Entry[] ledgerEntries = Arrays.copyOfRange(candidates, from, to);
        Arrays.sort(ledgerEntries, BY_RANK);
        Map<Integer, ArrayDeque<Entry>> byDay = new HashMap<>();
        for (Entry s : bucketStatements) {
            byDay.computeIfAbsent(s.day, day -> new ArrayDeque<>()).addLast(s);
        }
        for (int distance = 0; distance <= window; distance++) {
            for (Entry l : ledgerEntries) {
                if (l.matched) {
                    continue;
                }
                ArrayDeque<Entry> earlier = byDay.get(l.day - distance);
                ArrayDeque<Entry> later = distance == 0 ? null : byDay.get(l.day + distance);
                Entry a = earlier == null ? null : earlier.peekFirst();
                Entry b = later == null ? null : later.peekFirst();
                if (a != null && (b == null || a.rank < b.rank)) {
                    accept(MatchRule.EXACT, l, earlier.pollFirst());
                } else if (b != null) {
                    accept(MatchRule.EXACT, l, later.pollFirst());
                }
            }
        }
    }

    private void exactByTextReference() {
        List<Edge> edges = new ArrayList<>();
        for (Entry s : statements) {
            if (s.open()) {
                for (String reference : s.textReferences) {
                    addExactEdges(ledgerByReference.get(reference), s, edges);
                }
            }
        }
        resolve(edges, MatchRule.EXACT);
    }

    private void addExactEdges(Entry[] candidates, Entry s, List<Edge> edges) {
        if (candidates == null) {
            return;
        }
        int examined = 0;
        for (int i = EntryIndex.firstWithAmountAtLeast(candidates, s.amount);
             i < candidates.length && candidates[i].amount == s.amount && examined++ < MAX_CANDIDATES; i++) {
            Entry l = candidates[i];
            int distance = Math.abs(l.day - s.day);
            if (distance <= window && l.open()) {
                edges.add(new Edge(l, s, distance, 0, true));
            }
        }
    }

    /** For each open statement entry: the ledger references its description contains (see {@link References}). */
    private void findTextReferences() {
        if (ledgerByReference.isEmpty()) {
            return;
        }
        int[] lengths = Arrays.stream(ledgerByReference.keyLengths())
                .filter(n -> n >= References.MIN_TEXT_REFERENCE_LENGTH).toArray();
        if (lengths.length == 0) {
            return;
        }
        List<String> found = new ArrayList<>();
        for (Entry s : statements) {
            if (!s.open() || s.transaction.description().isEmpty()) {
                continue;
            }
            References.Words words = References.Words.of(s.transaction.description());
            found.clear();
            for (int start = 0; start < words.length(); start++) {
                if (!words.isBoundary(start)) {
                    continue;
                }
                for (int length : lengths) {
                    int end = start + length;
                    if (end > words.length()) {
                        break;
                    }
                    if (words.isBoundary(end)) {
                        String candidate = words.text.substring(start, end);
                        if (!candidate.equals(s.reference) && !found.contains(candidate)
                                && ledgerByReference.containsKey(candidate)) {
                            found.add(candidate);
                        }
                    }
                }
            }
            if (!found.isEmpty()) {
                s.textReferences = found.toArray(String[]::new);
            }
        }
    }

    // ---- tolerance ----

    private void tolerance() {
        EntryIndex byReference = new EntryIndex();
        EntryIndex byCounterparty = new EntryIndex();
        for (Entry l : ledger) {
            if (l.open()) {
                if (!l.reference.isEmpty()) {
                    byReference.add(l.reference, l);
                }
                if (!l.counterparty.isEmpty()) {
                    byCounterparty.add(l.counterparty, l);
                }
            }
        }
        if (byReference.isEmpty() && byCounterparty.isEmpty()) {
            return;
        }
        byReference.freeze(EntryIndex.BY_AMOUNT);
        byCounterparty.freeze(EntryIndex.BY_AMOUNT);
        List<Edge> edges = new ArrayList<>();
        List<Edge> own = new ArrayList<>();
        for (Entry s : statements) {
            if (!s.open()) {
                continue;
            }
            long width = searchWidth(s.amount);
            own.clear();
            addToleranceEdges(byReference.get(s.reference), s, width, true, own);
            for (String reference : s.textReferences) {
                addToleranceEdges(byReference.get(reference), s, width, true, own);
            }
            addToleranceEdges(byCounterparty.get(s.counterparty), s, width, false, own);
            edges.addAll(own);
        }
        resolve(edges, MatchRule.TOLERANCE);
    }

    private void addToleranceEdges(Entry[] candidates, Entry s, long width, boolean byReference, List<Edge> own) {
        if (candidates == null) {
            return;
        }
        long highest = s.amount + width;
        int examined = 0;
        int i = EntryIndex.firstWithAmountAtLeast(candidates, s.amount - width);
        while (i < candidates.length && candidates[i].amount <= highest && examined < MAX_CANDIDATES) {
            // Within one amount, entries are sorted by value date: skip to the window, stop after it.
            long amount = candidates[i].amount;
            i = EntryIndex.firstAtLeast(candidates, i, amount, s.day - window);
            if (i == candidates.length || candidates[i].amount != amount || candidates[i].day > s.day + window) {
                i = EntryIndex.firstWithAmountAtLeast(candidates, amount + 1);
                continue;
            }
            Entry l = candidates[i++];
            examined++;
            int distance = Math.abs(l.day - s.day);
            if (!withinTolerance(l.amount, s.amount)) {
                continue;
            }
            Edge known = null;
            for (Edge edge : own) {
                if (edge.ledger == l) {
                    known = edge;
                    break;
                }
            }
            if (known == null) {
                own.add(new Edge(l, s, distance, Math.abs(s.amount - l.amount), byReference));
            } else {
                known.byReference |= byReference;
            }
        }
    }

    /** {@link ReconciliationRules.Tolerance#allows}, on amounts in units of 10^-4. */
    boolean withinTolerance(long ledgerAmount, long statementAmount) {
        if ((ledgerAmount < 0 && statementAmount > 0) || (ledgerAmount > 0 && statementAmount < 0)) {
            return false;
        }
        long difference = Math.abs(statementAmount - ledgerAmount);
        if (difference <= absoluteTolerance) {
            return true;
        }
        if (basisPointUnits == 0) {
            return false;
        }
        // difference * 10,000 <= basisPoints * larger, with basisPoints = basisPointUnits / 10^4.
        long larger = Math.max(Math.abs(ledgerAmount), Math.abs(statementAmount));
        return compareProducts(difference, 100_000_000L, basisPointUnits, larger) <= 0;
    }

    /**
     * How far from {@code amount} a ledger amount within tolerance can be: the absolute tolerance, or with a
     * rate r the bound r * |amount| / (1 - r) that holds when the other amount is the larger one.
     */
    private long searchWidth(long amount) {
        if (basisPointUnits == 0) {
            return absoluteTolerance;
        }
        BigInteger rate = BigInteger.valueOf(basisPointUnits);
        BigInteger width = new BigDecimal(rate.multiply(BigInteger.valueOf(Math.abs(amount))))
                .divide(new BigDecimal(HUNDRED_MILLION.subtract(rate)), 0, RoundingMode.CEILING).toBigInteger();
        return Math.max(absoluteTolerance, width.min(BigInteger.valueOf(WIDEST)).longValueExact());
    }

    /** Compares a*b with c*d exactly, for non-negative longs. */
    static int compareProducts(long a, long b, long c, long d) {
        long high = Math.multiplyHigh(a, b);
        long otherHigh = Math.multiplyHigh(c, d);
        if (high != otherHigh) {
            return Long.compare(high, otherHigh);
        }
        return Long.compareUnsigned(a * b, c * d);
    }

    // ---- one to one, without conflicts ----

    /**
     * Accepts candidate pairs greedily in {@link #EDGE_ORDER}, each entry at most once. A pair that shares
     * no entry with another candidate pair would be accepted whatever the order, so it is taken at once and
     * only the contested pairs are sorted.
     */
    private void resolve(List<Edge> edges, MatchRule rule) {
        for (Edge edge : edges) {
            edge.ledger.scratch++;
            edge.statement.scratch++;
        }
        List<Edge> contested = new ArrayList<>();
        for (Edge edge : edges) {
            if (edge.ledger.scratch == 1 && edge.statement.scratch == 1) {
                accept(rule, edge.ledger, edge.statement);
            } else {
                contested.add(edge);
            }
        }
        for (Edge edge : edges) {
            edge.ledger.scratch = 0;
            edge.statement.scratch = 0;
        }
        contested.sort(EDGE_ORDER);
        for (Edge edge : contested) {
            if (!edge.ledger.matched && !edge.statement.matched) {
                accept(rule, edge.ledger, edge.statement);
            }
        }
    }

    private void accept(MatchRule rule, Entry l, Entry s) {
        l.matched = true;
        s.matched = true;
        matchByLedgerRank[l.rank] = Match.of(rule, List.of(l.transaction), List.of(s.transaction));
    }

    // ---- aggregate ----

    /**
     * One entry of the totals' side against 2..K entries of the other side. Totals are taken in entry
     * order; for each, the candidates sharing one of its references come first, then those sharing its
     * counterparty, and the best subset of the first candidate set that has one wins.
     */
    private void aggregate(boolean statementTotals) {
        List<Entry> totals = statementTotals ? statements : ledger;
        List<Entry> parts = statementTotals ? ledger : statements;
        EntryIndex byReference = new EntryIndex();
        EntryIndex byCounterparty = new EntryIndex();
        for (Entry p : parts) {
            if (!p.open() || p.amount == 0) {
                continue;
            }
            if (!p.reference.isEmpty()) {
                byReference.add(p.reference, p);
            }
            for (String reference : p.textReferences) {
                byReference.add(reference, p);
            }
            if (!p.counterparty.isEmpty()) {
                byCounterparty.add(p.counterparty, p);
            }
        }
        if (byReference.isEmpty() && byCounterparty.isEmpty()) {
            return;
        }
        byReference.freeze(EntryIndex.BY_DAY);
        byCounterparty.freeze(EntryIndex.BY_DAY);
        SubsetSearch search = new SubsetSearch(rules.aggregate().maxEntries());
        List<Entry> candidates = new ArrayList<>();
        for (Entry t : totals) {
            if (!t.open() || t.amount == 0) {
                continue;
            }
            candidates.clear();
            stamp++;
            gather(byReference.get(t.reference), t, candidates);
            for (String reference : t.textReferences) {
                gather(byReference.get(reference), t, candidates);
            }
            Entry[] chosen = search.best(candidates, t);
            if (chosen == null) {
                candidates.clear();
                stamp++;
                gather(byCounterparty.get(t.counterparty), t, candidates);
                chosen = search.best(candidates, t);
            }
            if (chosen != null) {
                acceptAggregate(t, chosen, statementTotals);
            }
        }
    }

    /** Open entries of {@code sorted} within the window of {@code total}, of its sign and smaller, once each. */
    private void gather(Entry[] sorted, Entry total, List<Entry> into) {
        if (sorted == null) {
            return;
        }
        long magnitude = Math.abs(total.amount);
        int examined = 0;
        for (int i = EntryIndex.firstWithDayAtLeast(sorted, total.day - window);
             i < sorted.length && sorted[i].day <= total.day + window && examined++ < AGGREGATE_EXAMINED; i++) {
            Entry p = sorted[i];
            if (p.matched || p.scratch == stamp || (p.amount > 0) != (total.amount > 0)
                    || Math.abs(p.amount) >= magnitude) {
                continue;
            }
            p.scratch = stamp;
            into.add(p);
        }
    }

    private void acceptAggregate(Entry total, Entry[] parts, boolean statementTotal) {
        Arrays.sort(parts, Comparator.comparingInt((Entry e) -> e.rank));
        List<Transaction> many = new ArrayList<>(parts.length);
        for (Entry part : parts) {
            part.matched = true;
            many.add(part.transaction);
        }
        total.matched = true;
        List<Transaction> one = List.of(total.transaction);
        if (statementTotal) {
            matchByLedgerRank[parts[0].rank] = Match.of(MatchRule.AGGREGATE, many, one);
        } else {
            matchByLedgerRank[total.rank] = Match.of(MatchRule.AGGREGATE, one, many);
        }
    }

    /**
     * The best subset of 2..K candidates whose amounts add up exactly to a total: the smallest largest
     * value-date distance to the total, then the fewest entries, then the lowest entry ranks (compared in
     * rank order). Candidates are first cut to the {@value #MAX_AGGREGATE_CANDIDATES} nearest by value date
     * (then rank), and the search stops after {@value #AGGREGATE_SEARCH_BUDGET} subsets.
     */
    private static final class SubsetSearch {


        private final int maxParts;
        private final long[] amounts = new long[MAX_AGGREGATE_CANDIDATES];
        private final int[] distances = new int[MAX_AGGREGATE_CANDIDATES];
        private final Entry[] pool = new Entry[MAX_AGGREGATE_CANDIDATES];
        private final int[] chosen;
        private final int[] bestRanks;
        private final int[] ranks;
        private int count;
        private int bestSize;
        private int bestDistance;
        private int budget;
        private Entry[] best;

        SubsetSearch(int maxParts) {
            this.maxParts = maxParts;
            this.chosen = new int[maxParts];
            this.bestRanks = new int[maxParts];
            this.ranks = new int[maxParts];
        }

        Entry[] best(List<Entry> candidates, Entry total) {
            if (candidates.size() < 2) {
                return null;
            }
            int day = total.day;
            if (candidates.size() > MAX_AGGREGATE_CANDIDATES) {
                candidates.sort(Comparator.comparingInt((Entry e) -> Math.abs(e.day - day)).thenComparing(BY_RANK));
            }
            count = Math.min(candidates.size(), MAX_AGGREGATE_CANDIDATES);
            long target = Math.abs(total.amount);
            long reach = 0;
            for (int i = 0; i < count; i++) {
                Entry e = candidates.get(i);
                if (reach < target) {
                    // Stops growing once it reaches the total: amounts are below 10^18, so no overflow.
                    reach += Math.abs(e.amount);
                }
                // Largest amounts first (then nearest, then rank), so a running total that overshoots skips
                // the rest of a level cheaply. At most 20 candidates: an insertion sort.
                int j = i;
                while (j > 0 && before(e, pool[j - 1], day)) {
                    pool[j] = pool[j - 1];
                    j--;
                }
                pool[j] = e;
            }
            if (reach < target) {
                Arrays.fill(pool, 0, count, null);
                return null;
            }
            for (int i = 0; i < count; i++) {
                amounts[i] = Math.abs(pool[i].amount);
                distances[i] = Math.abs(pool[i].day - day);
            }
            best = null;
            bestSize = Integer.MAX_VALUE;
            bestDistance = Integer.MAX_VALUE;
            budget = AGGREGATE_SEARCH_BUDGET;
            search(0, 0, target, 0);
            Arrays.fill(pool, 0, count, null);
            return best;
        }

        private static boolean before(Entry a, Entry b, int day) {
            long amountA = Math.abs(a.amount);
            long amountB = Math.abs(b.amount);
            if (amountA != amountB) {
                return amountA > amountB;
            }
            int distanceA = Math.abs(a.day - day);
            int distanceB = Math.abs(b.day - day);
            return distanceA != distanceB ? distanceA < distanceB : a.rank < b.rank;
        }

        private void search(int from, int depth, long remaining, int distance) {
            int left = maxParts - depth;
            for (int i = from; i < count && budget > 0; i++) {
                long amount = amounts[i];
                if (amount > remaining) {
                    continue;
                }
                // Amounts only get smaller from here: if even `left` of this one cannot reach, none can.
                if (amount < ceilDiv(remaining, left)) {
                    return;
                }
                int farthest = Math.max(distance, distances[i]);
                if (farthest > bestDistance) {
                    continue;
                }
                budget--;
                chosen[depth] = i;
                if (amount == remaining) {
                    if (depth >= 1) {
                        consider(depth + 1, farthest);
                    }
                } else if (left > 1) {
                    search(i + 1, depth + 1, remaining - amount, farthest);
                }
            }
        }

        private void consider(int size, int farthest) {
            for (int i = 0; i < size; i++) {
                ranks[i] = pool[chosen[i]].rank;
            }
            Arrays.sort(ranks, 0, size);
            boolean better = farthest < bestDistance
                    || (farthest == bestDistance && (size < bestSize
                    || (size == bestSize && Arrays.compare(ranks, 0, size, bestRanks, 0, size) < 0)));
            if (better) {
                bestDistance = farthest;
                bestSize = size;
                System.arraycopy(ranks, 0, bestRanks, 0, size);
                best = new Entry[size];
                for (int i = 0; i < size; i++) {
                    best[i] = pool[chosen[i]];
                }
            }
        }

        private static long ceilDiv(long value, int divisor) {
            return (value + divisor - 1) / divisor;
        }
    }

    // ---- outcome ----

    private Outcome outcome() {
        List<Match> matches = new ArrayList<>();
        for (Match match : matchByLedgerRank) {
            if (match != null) {
                matches.add(match);
            }
        }
        return new Outcome(matches, unmatched(ledger), unmatched(statements));
    }

    private static List<OpenItem> unmatched(List<Entry> entries) {
        List<OpenItem> open = new ArrayList<>();
        for (Entry e : entries) {
            if (!e.matched) {
                open.add(e.asOpenItem());
            }
        }
        return open;
    }
}
