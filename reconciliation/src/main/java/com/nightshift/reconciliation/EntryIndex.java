package com.nightshift.reconciliation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * Entries by a text key (a normalised reference or counterparty), each key's entries in one order, for
 * binary search on amount or value date. Built with {@link #add}, then {@link #freeze}d once; a single
 * entry under a key costs one small array. Confined to one matcher.
 */
final class EntryIndex {

    static final Comparator<Entry> BY_AMOUNT = (a, b) -> {
        int c = Long.compare(a.amount, b.amount);
        if (c == 0) {
            c = Integer.compare(a.day, b.day);
        }
        return c != 0 ? c : Integer.compare(a.rank, b.rank);
    };

    static final Comparator<Entry> BY_DAY = (a, b) -> {
        int c = Integer.compare(a.day, b.day);
        return c != 0 ? c : Integer.compare(a.rank, b.rank);
    };

    private static final Entry[] NONE = {};

    /** While building: Entry or ArrayList of Entry; once frozen: Entry[]. */
    private final Map<String, Object> entries = new HashMap<>();
    private boolean frozen;

    void add(String key, Entry entry) {
        if (frozen) {
            throw new IllegalStateException("index already frozen");
        }
        Object present = entries.putIfAbsent(key, entry);
        if (present instanceof Entry single) {
            ArrayList<Entry> list = new ArrayList<>(4);
            list.add(single);
            list.add(entry);
            entries.put(key, list);
        } else if (present != null) {
            @SuppressWarnings("unchecked")
            ArrayList<Entry> list = (ArrayList<Entry>) present;
            list.add(entry);
        }
    }

    /** Sorts each key's entries by {@code order}; no more entries may be added. */
    EntryIndex freeze(Comparator<Entry> order) {
        entries.replaceAll((key, value) -> {
            if (value instanceof Entry single) {
                return new Entry[] {single};
            }
            @SuppressWarnings("unchecked")
            Entry[] sorted = ((ArrayList<Entry>) value).toArray(NONE);
            Arrays.sort(sorted, order);
            return sorted;
        });
        frozen = true;
        return this;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    boolean containsKey(String key) {
        return entries.containsKey(key);
    }

    /** The entries under {@code key} in the frozen order, or null for none (including the empty key). */
    Entry[] get(String key) {
        return (Entry[]) entries.get(key);
    }

    /** The distinct lengths of the keys, ascending. */
    int[] keyLengths() {
        return entries.keySet().stream().mapToInt(String::length).distinct().sorted().toArray();
    }

    /** The first index whose entry's amount is at least {@code amount}, in an array sorted {@link #BY_AMOUNT}. */
    static int firstWithAmountAtLeast(Entry[] sorted, long amount) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid].amount < amount) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /**
     * The first index from {@code from} whose entry is at or after ({@code amount}, {@code day}), in an
     * array sorted {@link #BY_AMOUNT}.
     */
    static int firstAtLeast(Entry[] sorted, int from, long amount, int day) {
        int low = from;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            Entry e = sorted[mid];
            if (e.amount < amount || (e.amount == amount && e.day < day)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** The first index whose entry's day is at least {@code day}, in an array sorted {@link #BY_DAY}. */
    static int firstWithDayAtLeast(Entry[] sorted, int day) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid].day < day) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
