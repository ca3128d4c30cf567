package com.nightshift.statements;

import com.nightshift.common.csv.InvalidFieldException;
import com.nightshift.common.transaction.Transaction;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Pattern;

/**
 * The first line of an MT940 {@code :61:} field, parsed:
 * {@code YYMMDD[MMDD]<mark>[funds code]<amount>[<type code>]<customer ref>[//<bank ref>]}.
 *
 * <p>Tolerances, each seen in real bank files: four spaces instead of the entry date; a dot as decimal
 * separator; no digits after the decimal comma, or no comma at all; zero-padded amounts; no type code
 * (the line goes straight to {@code NONREF} or {@code //}); a 30/360 calendar day such as 30 February,
 * which becomes the month's last day. Every other defect is an {@link InvalidFieldException} naming
 * the part and the text. Immutable.
 */
record Mt940StatementLine(LocalDate valueDate, LocalDate bookingDate, BigDecimal amount, String typeCode,
                          String customerReference, String bankReference, String trailingText) {

    private static final Pattern AMOUNT = Pattern.compile("[0-9]+([.,][0-9]*)?");
    private static final int CUSTOMER_REFERENCE_LENGTH = 16;

    static Mt940StatementLine parse(String text) throws InvalidFieldException {
        String line = text.stripTrailing();
        if (line.length() < 6 || !line.substring(0, 6).chars().allMatch(Character::isDigit)) {
            throw new InvalidFieldException(":61: value date '" + prefix(line, 6) + "' is not YYMMDD");
        }
        LocalDate valueDate = date(":61: value date", line.substring(0, 6), yearOf(line.substring(0, 2)));
        int at = 6;
        LocalDate bookingDate = valueDate;
        if (line.length() >= 10 && line.substring(6, 10).chars().allMatch(Character::isDigit)) {
            bookingDate = entryDate(line.substring(6, 10), valueDate);
            at = 10;
        }
        while (at < line.length() && line.charAt(at) == ' ') {
            at++;
        }
        boolean credit;
        if (line.startsWith("RC", at) || line.startsWith("RD", at)) {
            // Reversal of a credit is a debit, and of a debit a credit.
            credit = line.charAt(at + 1) == 'D';
            at += 2;
        } else if (at < line.length() && (line.charAt(at) == 'C' || line.charAt(at) == 'D')) {
            credit = line.charAt(at) == 'C';
            at += 1;
        } else {
            String mark = prefix(line.substring(Math.min(at, line.length())), 2);
            throw new InvalidFieldException(":61: debit/credit mark '" + mark + "' is not C, D, RC or RD");
        }
        if (at < line.length() && Character.isLetter(line.charAt(at))) {
            at++; // funds code: the third letter of the currency code, by German and other banks' usage
        }
        int amountEnd = at;
        while (amountEnd < line.length() && (Character.isDigit(line.charAt(amountEnd))
                || line.charAt(amountEnd) == ',' || line.charAt(amountEnd) == '.')) {
            amountEnd++;
        }
        BigDecimal amount = amount(line.substring(at, amountEnd));
        String rest = line.substring(amountEnd);
        String typeCode = "";
        boolean noTypeCode = rest.startsWith("//")
                || (rest.startsWith("NONREF") && (rest.length() == 6 || rest.startsWith("NONREF//")));
        if (!noTypeCode && rest.length() >= 4 && Character.isLetter(rest.charAt(0))) {
            typeCode = rest.substring(0, 4);
            rest = rest.substring(4);
        }
        int slashes = rest.indexOf("//");
        String customer = slashes < 0 ? rest : rest.substring(0, slashes);
        String bank = slashes < 0 ? "" : rest.substring(slashes + 2);
        String trailing = "";
        if (customer.length() > CUSTOMER_REFERENCE_LENGTH && customer.charAt(CUSTOMER_REFERENCE_LENGTH - 1) == ' ') {
            trailing = customer.substring(CUSTOMER_REFERENCE_LENGTH);
            customer = customer.substring(0, CUSTOMER_REFERENCE_LENGTH);
        }
        return new Mt940StatementLine(valueDate, bookingDate, credit ? amount : amount.negate(), typeCode.strip(),
                customer.strip(), bank.strip(), trailing.strip());
    }

    private static BigDecimal amount(String text) throws InvalidFieldException {
        if (text.isEmpty()) {
            throw new InvalidFieldException(":61: amount is missing after the debit/credit mark");
        }
        if (!AMOUNT.matcher(text).matches()) {
            throw new InvalidFieldException(":61: amount '" + text
                    + "' is not a decimal amount (digits, one decimal comma)");
        }
        String plain = text.replace(',', '.');
        if (plain.endsWith(".")) {
            plain = plain.substring(0, plain.length() - 1);
        }
        BigDecimal amount = new BigDecimal(plain);
        if (amount.scale() > Transaction.MAX_FRACTION_DIGITS) {
            try {
                amount = amount.setScale(Transaction.MAX_FRACTION_DIGITS, RoundingMode.UNNECESSARY);
            } catch (ArithmeticException e) {
                throw new InvalidFieldException(":61: amount '" + text + "' has " + amount.scale()
                        + " fraction digits, at most " + Transaction.MAX_FRACTION_DIGITS + " allowed");
            }
        }
        return amount;
    }

    private static int yearOf(String yy) {
        int twoDigits = Integer.parseInt(yy);
        return twoDigits >= 80 ? 1900 + twoDigits : 2000 + twoDigits;
    }

    /** The entry date MMDD in the year (before, of or after the value date's) nearest the value date. */
    private static LocalDate entryDate(String mmdd, LocalDate valueDate) throws InvalidFieldException {
        LocalDate best = null;
        for (int year = valueDate.getYear() - 1; year <= valueDate.getYear() + 1; year++) {
            LocalDate candidate = date(":61: entry date", "??" + mmdd, year);
            if (best == null || Math.abs(candidate.toEpochDay() - valueDate.toEpochDay())
                    < Math.abs(best.toEpochDay() - valueDate.toEpochDay())) {
                best = candidate;
            }
        }
        return best;
    }

    /** YYMMDD (the YY part already turned into {@code year}); a day past the month's end is its last day. */
    private static LocalDate date(String field, String yymmdd, int year) throws InvalidFieldException {
        int month = Integer.parseInt(yymmdd.substring(2, 4));
        int day = Integer.parseInt(yymmdd.substring(4, 6));
        String shown = yymmdd.startsWith("??") ? yymmdd.substring(2) : yymmdd;
        if (month < 1 || month > 12 || day < 1 || day > 31) {
            throw new InvalidFieldException(field + " '" + shown + "' is not a date");
        }
        YearMonth yearMonth = YearMonth.of(year, month);
        return yearMonth.atDay(Math.min(day, yearMonth.lengthOfMonth()));
    }

    private static String prefix(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }
}
