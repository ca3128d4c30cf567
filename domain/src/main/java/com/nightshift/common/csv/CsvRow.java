package com.nightshift.common.csv;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A well-formed data row read against a known header, with typed access by column name.
 *
 * <p>Every accessor either returns a valid value or throws {@link InvalidFieldException} whose
 * message is a rejection reason naming the column and quoting the offending text. Values are used
 * exactly as written: no trimming, because " 12.50" in an amount column is a producer bug worth
 * seeing. Immutable.
 */
public final class CsvRow {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?");
    private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");

    private final List<String> header;
    private final List<String> fields;

    private CsvRow(List<String> header, List<String> fields) {
        this.header = List.copyOf(header);
        this.fields = List.copyOf(fields);
        if (this.header.size() != this.fields.size()) {
            throw new IllegalArgumentException("expected " + this.header.size() + " fields, found " + this.fields.size());
        }
    }

    /** A row whose fields line up one-to-one with {@code header}. */
    public static CsvRow of(List<String> header, List<String> fields) {
        return new CsvRow(header, fields);
    }

    /** The text of a column, possibly empty. */
    public String text(String column) {
        int index = header.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("no column '" + column + "' in header " + header);
        }
        return fields.get(index);
    }

    /** The text of a column that must not be empty. */
    public String required(String column) throws InvalidFieldException {
        String value = text(column);
        if (value.isEmpty()) {
            throw new InvalidFieldException(column + " is empty");
        }
        return value;
    }

    /** A column that must match {@code pattern} entirely; {@code rule} describes the pattern in the reason. */
    public String matching(String column, Pattern pattern, String rule) throws InvalidFieldException {
        String value = required(column);
        if (!pattern.matcher(value).matches()) {
            throw new InvalidFieldException(column + " '" + value + "' " + rule);
        }
        return value;
    }

    /** An ISO-8601 calendar date such as {@code 2026-11-20}. */
    public LocalDate date(String column) throws InvalidFieldException {
        String value = required(column);
        if (ISO_DATE.matcher(value).matches()) {
            try {
                return LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE);
            } catch (DateTimeParseException e) {
                // Falls through: the shape is right but the date does not exist (2026-02-30).
            }
        }
        throw new InvalidFieldException(column + " '" + value + "' is not an ISO-8601 date (yyyy-mm-dd)");
    }

    /** A plain signed decimal ({@code -12.5}, {@code +3}, {@code 0.0001}); exponents and grouping are refused. */
    public BigDecimal decimal(String column) throws InvalidFieldException {
        String value = required(column);
        if (!DECIMAL.matcher(value).matches()) {
            throw new InvalidFieldException(column + " '" + value + "' is not a decimal");
        }
        return new BigDecimal(value);
    }

    /** A signed decimal with at most {@code maxFractionDigits} digits after the point, as written. */
    public BigDecimal decimal(String column, int maxFractionDigits) throws InvalidFieldException {
        BigDecimal value = decimal(column);
        if (value.scale() > maxFractionDigits) {
            throw new InvalidFieldException(column + " '" + text(column) + "' has " + value.scale()
                    + " fraction digits, at most " + maxFractionDigits + " allowed");
        }
        return value;
    }

    /** A decimal strictly greater than zero. */
    public BigDecimal positiveDecimal(String column) throws InvalidFieldException {
        BigDecimal value = decimal(column);
        if (value.signum() <= 0) {
            throw new InvalidFieldException(column + " '" + text(column) + "' is not positive");
        }
        return value;
    }

    /** An ISO 4217 currency code known to {@link Currency}, in upper case. */
    public Currency currency(String column) throws InvalidFieldException {
        String value = required(column);
        if (CURRENCY_CODE.matcher(value).matches()) {
            try {
                return Currency.getInstance(value);
            } catch (IllegalArgumentException e) {
                // Falls through: three letters, but not a code the JDK knows.
            }
        }
        throw new InvalidFieldException(column + " '" + value + "' is not an ISO 4217 code");
    }

    public List<String> fields() {
        return fields;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CsvRow row && header.equals(row.header) && fields.equals(row.fields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(header, fields);
    }

    @Override
    public String toString() {
        return "CsvRow" + fields;
    }
}
