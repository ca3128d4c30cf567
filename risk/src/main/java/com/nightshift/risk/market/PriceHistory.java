package com.nightshift.risk.market;

import com.nightshift.common.csv.AcceptedRow;
import com.nightshift.common.csv.CsvReader;
import com.nightshift.common.csv.CsvRecord;
import com.nightshift.common.csv.RejectedRow;
import com.nightshift.common.io.InputLimits;
import com.nightshift.risk.book.RiskInputException;
import com.nightshift.risk.book.StrictCsv;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * A {@code prices.csv} read strictly (see {@link PriceHistoryCsv}): each factor's closes by date, the
 * factors in the order the file first names them, and the file line of each close so that a later
 * problem (stale prices) can name it. Any bad row, a wrong header, a (factor, date) twice or a
 * second currency ends the read with a {@link RiskInputException}. Immutable.
 */
public final class PriceHistory {

    /** Bytes a header line may take, at four bytes a character, with the decoder's read-ahead. */
    private static final int HEADER_READ_AHEAD = 4 * InputLimits.DEFAULTS.maxLineChars() + (1 << 16);

    private final String fileName;
    private final Map<String, NavigableMap<LocalDate, Double>> closes;
    private final Map<String, NavigableMap<LocalDate, Long>> lines;
    private final Optional<String> currency;

    private PriceHistory(String fileName, Map<String, NavigableMap<LocalDate, Double>> closes,
            Map<String, NavigableMap<LocalDate, Long>> lines, Optional<String> currency) {
        this.fileName = fileName;
        this.closes = closes;
        this.lines = lines;
        this.currency = currency;
    }

    /** Reads {@code path} strictly; messages name the file by its last path element. */
    public static PriceHistory read(Path path) {
        String name = StrictCsv.fileName(path);
        try (InputStream in = StrictCsv.open(path)) {
            return read(name, in);
        } catch (IOException e) {
            throw StrictCsv.cannotRead(name, e);
        }
    }

    /** Reads {@code in} strictly (the stream is not closed); messages name it {@code fileName}. */
    public static PriceHistory read(String fileName, InputStream in) {
        // The header picks the codec, then the stream is read again from its start: only the header is
        // buffered for that (a header line longer than the line limit fails before the mark is passed).
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(HEADER_READ_AHEAD);
        Optional<CsvRecord> first;
        try {
            first = CsvReader.ofUtf8(buffered).next();
            buffered.reset();
        } catch (IOException e) {
            throw StrictCsv.cannotRead(fileName, e);
        }
        // An empty file goes to the plain codec, whose message says so and names the expected header.
        PriceHistoryCsv codec = PriceHistoryCsv.withoutCurrency();
        if (first.isPresent()) {
            codec = PriceHistoryCsv.forHeader(first.get().fields()).orElseThrow(() -> new RiskInputException(
                    fileName, 1, "expected header '" + String.join(",", PriceHistoryCsv.HEADER) + "' or '"
                            + String.join(",", PriceHistoryCsv.HEADER_WITH_CURRENCY) + "' on line 1, found '"
                            + first.get().rawText() + "'"));
        }
        List<AcceptedRow<PriceRow>> rows = StrictCsv.read(codec, fileName, buffered);
        List<RejectedRow> mixed = PriceHistoryCsv.otherCurrencies(rows);
        if (!mixed.isEmpty()) {
            throw new RiskInputException(fileName, mixed.get(0).lineNumber(), mixed.get(0).reason());
        }
        return fromAccepted(fileName, rows);
    }

    /** A history of rows that did not come from a file; lines are their 1-based index plus one, as if under a header. */
    public static PriceHistory of(String source, List<PriceRow> rows) {
        List<AcceptedRow<PriceRow>> numbered = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            numbered.add(new AcceptedRow<>(i + 2, rows.get(i), ""));
        }
        List<RejectedRow> mixed = PriceHistoryCsv.otherCurrencies(numbered);
        if (!mixed.isEmpty()) {
            throw new RiskInputException(source, mixed.get(0).lineNumber(), mixed.get(0).reason());
        }
        return fromAccepted(source, numbered);
    }

    private static PriceHistory fromAccepted(String fileName, List<AcceptedRow<PriceRow>> rows) {
        Objects.requireNonNull(fileName, "fileName");
        Map<String, NavigableMap<LocalDate, Double>> closes = new LinkedHashMap<>();
        Map<String, NavigableMap<LocalDate, Long>> lines = new LinkedHashMap<>();
        Optional<String> currency = Optional.empty();
        for (AcceptedRow<PriceRow> row : rows) {
            PriceRow price = row.record();
            Long firstLine = lines.computeIfAbsent(price.factor(), f -> new TreeMap<>())
                    .putIfAbsent(price.date(), row.lineNumber());
            if (firstLine != null) {
                throw new RiskInputException(fileName, row.lineNumber(), "duplicate close of " + price.factor()
                        + " on " + price.date() + ", first seen on line " + firstLine);
            }
            closes.computeIfAbsent(price.factor(), f -> new TreeMap<>()).put(price.date(), price.close());
            if (currency.isEmpty()) {
                currency = price.currency();
            }
        }
        Map<String, NavigableMap<LocalDate, Double>> frozenCloses = new LinkedHashMap<>();
        closes.forEach((f, series) -> frozenCloses.put(f, Collections.unmodifiableNavigableMap(series)));
        Map<String, NavigableMap<LocalDate, Long>> frozenLines = new LinkedHashMap<>();
        lines.forEach((f, series) -> frozenLines.put(f, Collections.unmodifiableNavigableMap(series)));
        return new PriceHistory(fileName, Collections.unmodifiableMap(frozenCloses),
                Collections.unmodifiableMap(frozenLines), currency);
    }

    /** The name messages give the file. */
    public String fileName() {
        return fileName;
    }

    /** The factors, in the order the file first names them. */
    public List<String> factors() {
        return List.copyOf(closes.keySet());
    }

    /** A factor's closes by date, oldest first; empty for a factor the history does not have. */
    public NavigableMap<LocalDate, Double> closes(String factor) {
        return closes.getOrDefault(factor, Collections.emptyNavigableMap());
    }

    /** The line of the file a close came from, if the history has it. */
    public OptionalLong lineOf(String factor, LocalDate date) {
        Long line = lines.getOrDefault(factor, Collections.emptyNavigableMap()).get(date);
        return line == null ? OptionalLong.empty() : OptionalLong.of(line);
    }

    /** The latest date of any close, if there is one. */
    public Optional<LocalDate> lastDate() {
        return closes.values().stream().map(NavigableMap::lastKey).max(LocalDate::compareTo);
    }

    /** The one currency of the closes, or empty when the file has no currency column. */
    public Optional<String> currency() {
        return currency;
    }
}
