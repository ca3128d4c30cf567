package com.nightshift.common.csv;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
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
        return nonEmpty(column, text(column));
    }

    private static String nonEmpty(String column, String value) throws InvalidFieldException {
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
        if (isIsoDateShape(value)) {
            try {
                return LocalDate.of(digits(value, 0, 4), digits(value, 5, 7), digits(value, 8, 10));
            } catch (DateTimeException e) {
                // Falls through: the shape is right but the date does not exist (2026-02-30).
            }
        }
        throw new InvalidFieldException(column + " '" + value + "' is not an ISO-8601 date (yyyy-mm-dd)");
    }

    /** {@code [0-9]{4}-[0-9]{2}-[0-9]{2}}, checked by hand: this runs for every date of every row. */
    private static boolean isIsoDateShape(String value) {
        if (value.length() != 10 || value.charAt(4) != '-' || value.charAt(7) != '-') {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (i != 4 && i != 7 && !isAsciiDigit(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int digits(String value, int from, int to) {
        int number = 0;
        for (int i = from; i < to; i++) {
            number = number * 10 + (value.charAt(i) - '0');
        }
        return number;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A plain signed decimal ({@code -12.5}, {@code +3}, {@code 0.0001}); exponents and grouping are refused. */
    public BigDecimal decimal(String column) throws InvalidFieldException {
        String value = required(column);
        if (!isPlainDecimal(value)) {
            throw new InvalidFieldException(column + " '" + value + "' is not a decimal");
        }
        return new BigDecimal(value);
    }

    /**
     * A finite number in decimal notation, plain or with an exponent ({@code 0.25}, {@code -3},
     * {@code 2.5e-05}, {@code 1E+3}): the form tools that write binary floating point use (numpy's
     * {@code savetxt} writes every number with an exponent). For quantities that are doubles, such as
     * market data; amounts of money stay {@link #decimal plain decimals}. NaN, infinities, hexadecimal
     * and grouping are refused, and so is a value too large for a double.
     */
    public double real(String column) throws InvalidFieldException {
        return real(column, text(column));
    }

    /**
     * {@link #real(String)} of a field already in hand, named {@code column} in the reason: for a reader
     * that walks a wide row by position, such as a correlation matrix's, rather than looking each
     * column up by name.
     */
    public static double real(String column, String value) throws InvalidFieldException {
        if (!isDecimalNumber(nonEmpty(column, value))) {
            throw new InvalidFieldException(column + " '" + value + "' is not a decimal");
        }
        double parsed = Double.parseDouble(value);
        if (!Double.isFinite(parsed)) {
            throw new InvalidFieldException(column + " '" + value + "' is too large for a number");
        }
        return parsed;
    }

    /**
     * {@code [+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?}, checked by hand: this runs for every
     * number of every row (a correlation matrix of 100 factors has 10,000), where a regular expression
     * costs several times the parse.
     */
    static boolean isDecimalNumber(String value) {
        int length = value.length();
        int integerStart = afterSign(value, 0);
        int i = afterDigits(value, integerStart);
        int digits = i - integerStart;
        if (i < length && value.charAt(i) == '.') {
            int fractionStart = i + 1;
            i = afterDigits(value, fractionStart);
            digits += i - fractionStart;
        }
        if (digits == 0) {
            return false;
        }
        if (i < length && (value.charAt(i) == 'e' || value.charAt(i) == 'E')) {
            int exponentStart = afterSign(value, i + 1);
            i = afterDigits(value, exponentStart);
            if (i == exponentStart) {
                return false;
            }
        }
        return i == length;
    }

    /** {@code [+-]?[0-9]+(\.[0-9]+)?}, checked by hand: this runs for every amount of every row. */
    private static boolean isPlainDecimal(String value) {
        int length = value.length();
        int integerStart = afterSign(value, 0);
        int i = afterDigits(value, integerStart);
        if (i == integerStart) {
            return false;
        }
        if (i == length) {
            return true;
        }
        if (value.charAt(i) != '.') {
            return false;
        }
        int fractionStart = i + 1;
        i = afterDigits(value, fractionStart);
        return i == length && i > fractionStart;
    }

    /** The index after an optional {@code +} or {@code -} at {@code i}. */
    private static int afterSign(String value, int i) {
        return i < value.length() && (value.charAt(i) == '+' || value.charAt(i) == '-') ? i + 1 : i;
    }

    /** The index after the run of ASCII digits starting at {@code i}. */
    private static int afterDigits(String value, int i) {
        while (i < value.length() && isAsciiDigit(value.charAt(i))) {
            i++;
        }
        return i;
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
        if (value.length() == 3 && isAsciiUpper(value.charAt(0)) && isAsciiUpper(value.charAt(1))
                && isAsciiUpper(value.charAt(2))) {
            try {
                return Currency.getInstance(value);
            } catch (IllegalArgumentException e) {
                // Falls through: three letters, but not a code the JDK knows.
            }
        }
        throw new InvalidFieldException(column + " '" + value + "' is not an ISO 4217 code");
    }

    private static boolean isAsciiUpper(char c) {
        return c >= 'A' && c <= 'Z';
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
