package com.nightshift.risk.backtest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.nightshift.common.csv.CsvReader;
import com.nightshift.common.csv.CsvRecord;
import com.nightshift.common.csv.ReadResult;
import com.nightshift.common.csv.RecordReader;
import com.nightshift.common.csv.RejectedRow;
import com.nightshift.common.csv.UnreadableFileException;

/**
 * Reads the two files of a backtest, strictly, and joins them by date. Unlike a nightly input, where a
 * bad row is rejected and the rest goes on, a backtest over a history with a hole in it would test
 * something other than what was asked: any rejected row (unparsable, a duplicate date, a VaR that is
 * not positive) fails the read with {@code file:line: reason}. A date that only one file has is no
 * error: it is left out and reported in the {@link BacktestHistory}.
 */
public final class BacktestInputs {

    /** How many rejected rows an error message lists before it only counts the rest. */
    static final int LISTED_REJECTS = 5;

    private BacktestInputs() {
    }

    /**
     * Reads the P&amp;L file {@code pnlName} and the VaR file {@code varName} and joins them; a VaR file's
     * {@code var} column is at {@code confidence}.
     *
     * @throws BacktestInputException naming the file, line and problem
     */
    public static BacktestHistory read(String pnlName, InputStream pnl, String varName, InputStream var,
                                       double confidence) throws IOException {
        List<DailyPnl> pnls = readPnl(pnlName, pnl);
        VarFile forecasts = readVar(varName, var, confidence);
        return join(pnls, forecasts.codec(), forecasts.forecasts(), pnlName, varName);
    }

    /** The P&amp;L file's rows, in file order; the stream is not closed. */
    public static List<DailyPnl> readPnl(String name, InputStream in) throws IOException {
        return strictly(name, new PnlCsvCodec(), in.readAllBytes());
    }

    /** A VaR file: its format (the levels of its columns) and its rows in file order. */
    public record VarFile(VarCsvCodec codec, List<VarForecast> forecasts) {
    }

    /** The VaR file's format and rows; a {@code var} column is at {@code confidence}. The stream is not closed. */
    public static VarFile readVar(String name, InputStream in, double confidence) throws IOException {
        byte[] content = in.readAllBytes();
        List<String> header = firstRecord(name, content);
        Optional<VarCsvCodec> codec;
        try {
            codec = VarCsvCodec.forHeader(header, confidence);
        } catch (IllegalArgumentException e) {
            throw BacktestInputException.onLine(name, 1, e.getMessage());
        }
        if (codec.isEmpty()) {
            throw BacktestInputException.onLine(name, 1, "expected header 'date,var' or 'date,var95,var99', found '"
                    + String.join(",", header) + "'");
        }
        return new VarFile(codec.get(), strictly(name, codec.get(), content));
    }

    /**
     * Joins P&amp;L and VaR rows by date: a series per VaR column over the dates both have, in date order.
     *
     * @throws BacktestInputException when no date is in both
     */
    public static BacktestHistory join(List<DailyPnl> pnls, VarCsvCodec format, List<VarForecast> forecasts,
                                       String pnlName, String varName) {
        Map<LocalDate, Double> pnlByDate = pnls.stream()
                .collect(Collectors.toMap(DailyPnl::date, DailyPnl::pnl, (a, b) -> {
                    throw new IllegalArgumentException(pnlName + ": a date appears twice");
                }, TreeMap::new));
        Map<LocalDate, VarForecast> varByDate = forecasts.stream()
                .collect(Collectors.toMap(VarForecast::date, f -> f, (a, b) -> {
                    throw new IllegalArgumentException(varName + ": a date appears twice");
                }, TreeMap::new));
        List<String> columns = format.varColumns();
        List<List<BacktestObservation>> observations = new ArrayList<>();
        columns.forEach(c -> observations.add(new ArrayList<>()));
        List<LocalDate> pnlOnly = new ArrayList<>();
        for (Map.Entry<LocalDate, Double> day : pnlByDate.entrySet()) {
            VarForecast forecast = varByDate.get(day.getKey());
            if (forecast == null) {
                pnlOnly.add(day.getKey());
                continue;
            }
            for (int i = 0; i < columns.size(); i++) {
                observations.get(i).add(new BacktestObservation(day.getKey(), day.getValue(), forecast.vars().get(i)));
            }
        }
        List<LocalDate> varOnly = varByDate.keySet().stream().filter(d -> !pnlByDate.containsKey(d)).toList();
        if (observations.get(0).isEmpty()) {
            throw BacktestInputException.ofFile(pnlName, "no date is in both " + pnlName + " and " + varName
                    + " (" + pnlByDate.size() + " P&L days, " + varByDate.size() + " VaR days)");
        }
        List<BacktestHistory.Series> series = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            series.add(new BacktestHistory.Series(columns.get(i), format.confidences().get(i), observations.get(i)));
        }
        return new BacktestHistory(series, pnlOnly, varOnly);
    }

    private static List<String> firstRecord(String name, byte[] content) throws IOException {
        try {
            Optional<CsvRecord> first = CsvReader.ofUtf8(new ByteArrayInputStream(content)).next();
            if (first.isEmpty()) {
                throw BacktestInputException.ofFile(name, "file is empty; expected header 'date,var' or 'date,var95,var99'");
            }
            return first.get().fields();
        } catch (CharacterCodingException e) {
            throw BacktestInputException.ofFile(name, "file is not valid UTF-8 text");
        }
    }

    /** Every row of {@code content} read by {@code reader}; any reject fails, listing the first few. */
    private static <T> List<T> strictly(String name, RecordReader<T> reader, byte[] content) throws IOException {
        ReadResult<T> read;
        try {
            read = reader.readAll(new ByteArrayInputStream(content));
        } catch (UnreadableFileException e) {
            throw BacktestInputException.ofFile(name, e.getMessage());
        }
        List<RejectedRow> rejected = read.rejected();
        if (!rejected.isEmpty()) {
            String listed = rejected.stream().limit(LISTED_REJECTS)
                    .map(r -> name + ":" + r.lineNumber() + ": " + r.reason())
                    .collect(Collectors.joining("; "));
            String more = rejected.size() > LISTED_REJECTS
                    ? " (and " + (rejected.size() - LISTED_REJECTS) + " more rejected rows)" : "";
            throw new BacktestInputException(name, rejected.get(0).lineNumber(), listed + more);
        }
        return read.records();
    }
}
