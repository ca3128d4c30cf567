package com.nightshift.risk.backtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nightshift.common.csv.CsvRecordCodec;
import com.nightshift.common.csv.CsvRow;
import com.nightshift.common.csv.InvalidFieldException;

/**
 * The VaR forecast CSV of a backtest: a {@code date} column, then one VaR column per confidence level.
 * {@code var} is a VaR at a level given from outside (the command's {@code --confidence}); {@code varDD}
 * names its level by the digits after the decimal point ({@code var95} is 95%, {@code var99} 99%,
 * {@code var975} 97.5%). So {@code date,var} and {@code date,var95,var99} are both this format. The date is
 * ISO-8601 and unique in a file; every VaR a strictly positive plain decimal, the loss forecast for that
 * date's P&amp;L. Stateless and thread-safe.
 */
public final class VarCsvCodec extends CsvRecordCodec<VarForecast> {

    private static final Pattern LEVEL_COLUMN = Pattern.compile("var([0-9]+)");

    private final List<Double> confidences;

    private VarCsvCodec(List<String> header, List<Double> confidences) {
        super(header);
        this.confidences = List.copyOf(confidences);
    }

    /**
     * The codec for a file whose header is {@code header}, a {@code var} column being at
     * {@code defaultConfidence}; empty when {@code header} is not one of this format (then say what was expected).
     *
     * @throws IllegalArgumentException when two columns name the same level
     */
    public static Optional<VarCsvCodec> forHeader(List<String> header, double defaultConfidence) {
        if (header.size() < 2 || !header.get(0).equals("date")) {
            return Optional.empty();
        }
        List<Double> levels = new ArrayList<>();
        for (String column : header.subList(1, header.size())) {
            Matcher level = LEVEL_COLUMN.matcher(column);
            double confidence;
            if (column.equals("var")) {
                confidence = defaultConfidence;
            } else if (level.matches()) {
                confidence = Double.parseDouble("0." + level.group(1));
            } else {
                return Optional.empty();
            }
            if (!(confidence > 0 && confidence < 1)) {
                throw new IllegalArgumentException("column " + column + ": a confidence level lies strictly between 0 and 1");
            }
            if (levels.contains(confidence)) {
                throw new IllegalArgumentException("column " + column + " repeats the level of an earlier column");
            }
            levels.add(confidence);
        }
        return Optional.of(new VarCsvCodec(header, levels));
    }

    /** The confidence level of each VaR column, in column order. */
    public List<Double> confidences() {
        return confidences;
    }

    /** The VaR columns' names, in order. */
    public List<String> varColumns() {
        return header().subList(1, header().size());
    }

    @Override
    protected VarForecast fromRow(CsvRow row) throws InvalidFieldException {
        List<Double> vars = new ArrayList<>();
        for (String column : varColumns()) {
            double var = row.real(column);
            if (!(var > 0.0)) {
                throw new InvalidFieldException(column + " '" + row.text(column) + "' is not positive");
            }
            vars.add(var);
        }
        return new VarForecast(row.date("date"), vars);
    }

    @Override
    protected Optional<String> uniqueKey(VarForecast record) {
        return Optional.of("date " + record.date());
    }

    @Override
    protected List<String> toFields(VarForecast record) {
        List<String> fields = new ArrayList<>();
        fields.add(record.date().toString());
        record.vars().forEach(v -> fields.add(Double.toString(v)));
        return fields;
    }
}
