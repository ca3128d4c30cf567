package com.nightshift.local;

import com.nightshift.common.job.ReportId;
import com.nightshift.common.job.ReportKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A small, deterministic night of input files with known truth: a ledger for three accounts,
 * one statement per account with known breaks (missing, extra and mis-keyed items, references
 * formatted differently), malformed rows in one statement, positions for two portfolios (equities,
 * options, a currency holding and a zero-coupon bond) and a year of business-day closes of their
 * risk factors. The same seed always gives the same bytes.
 */
public final class SampleDataSet {

    public static final LocalDate BUSINESS_DATE = LocalDate.of(2026, 11, 20);
    static final String TRANSACTION_HEADER = "entry_id,account,booking_date,value_date,amount,currency,counterparty,reference,description";

    /** The expected reconciliation of one account. */
    public record AccountTruth(String account, String currency, int ledgerRows, int statementRows, int matched,
            int unmatchedLedger, int unmatchedStatement) {
    }

    /** A statement row that must be rejected, by its physical line number in its file. */
    public record ExpectedReject(String key, int line) {
    }

    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final List<AccountTruth> accounts = new ArrayList<>();
    private final List<ExpectedReject> rejects = new ArrayList<>();
    private final List<String> portfolios = List.of("PF-GROWTH", "PF-INCOME");

    private SampleDataSet() {
    }

    /** The default night: three accounts of 40 ledger items each, two portfolios. */
    public static SampleDataSet generate(long seed) {
        SampleDataSet set = new SampleDataSet();
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder ledger = new StringBuilder(TRANSACTION_HEADER).append('\n');
        String[][] accountSpecs = {{"ACC-1001", "USD"}, {"ACC-1002", "EUR"}, {"ACC-1003", "GBP"}};
        for (String[] spec : accountSpecs) {
            set.addAccount(random, spec[0], spec[1], 40, ledger);
        }
        set.files.put("inbound/ledger/ledger-" + BUSINESS_DATE + ".csv", ledger.toString().getBytes(StandardCharsets.UTF_8));
        set.addPortfolios(random);
        return set;
    }

    private void addAccount(SplittableRandom random, String account, String currency, int items, StringBuilder ledger) {
        List<String[]> ledgerRows = new ArrayList<>();
        for (int i = 1; i <= items; i++) {
            BigDecimal amount = BigDecimal.valueOf(random.nextLong(-500_000, 500_000), 2);
            if (amount.signum() == 0) {
                amount = new BigDecimal("10.00");
            }
            String reference = "INV-" + account.substring(4) + "-" + String.format("%05d", i);
            ledgerRows.add(new String[] {"L-" + account + "-" + i, account, BUSINESS_DATE.toString(),
                    BUSINESS_DATE.plusDays(i % 3 == 0 ? 1 : 0).toString(), amount.toPlainString(), currency,
                    "Counterparty " + (i % 7), reference, i % 5 == 0 ? "Payment, batch " + i : "Payment " + i});
        }
        for (String[] row : ledgerRows) {
            ledger.append(csvLine(row)).append('\n');
        }

        // Breaks: items 3, 11, 19 never reach the bank; item 27's amount is mis-keyed by the bank;
        // the bank adds two fees. References of every fourth item are formatted the bank's way.
        List<String[]> statementRows = new ArrayList<>();
        int missing = 0;
        int misKeyed = 0;
        for (int i = 1; i <= items; i++) {
            String[] row = ledgerRows.get(i - 1).clone();
            if (i == 3 || i == 11 || i == 19) {
                missing++;
                continue;
            }
            row[0] = "S-" + account + "-" + i;
            if (i == 27) {
                row[4] = new BigDecimal(row[4]).add(new BigDecimal("0.50")).toPlainString();
                misKeyed++;
            }
            if (i % 4 == 0) {
                row[7] = row[7].toLowerCase().replace("-", " ");
            }
            statementRows.add(row);
        }
        int fees = 2;
        for (int f = 1; f <= fees; f++) {
            statementRows.add(new String[] {"S-" + account + "-FEE" + f, account, BUSINESS_DATE.toString(),
                    BUSINESS_DATE.toString(), new BigDecimal(-12.5 * f).setScale(2, RoundingMode.UNNECESSARY).toPlainString(),
                    currency, "Bank", "FEE-" + f, "Account fee"});
        }
        StringBuilder statement = new StringBuilder(TRANSACTION_HEADER).append('\n');
        String key = "inbound/statements/" + account + "-" + BUSINESS_DATE + ".csv";
        int line = 1;
        for (String[] row : statementRows) {
            statement.append(csvLine(row)).append('\n');
            line++;
        }
        if (account.equals("ACC-1002")) {
            // Two malformed rows the ingestion must reject with their line numbers, without losing the rest.
            statement.append("S-ACC-1002-BAD1,ACC-1002,2026-11-20,2026-11-20,12.3x,EUR,Bank,BAD-1,not an amount\n");
            rejects.add(new ExpectedReject(key, ++line));
            statement.append("S-ACC-1002-BAD2,ACC-1002,2026-13-40,2026-11-20,1.00,EUR,Bank,BAD-2,not a date\n");
            rejects.add(new ExpectedReject(key, ++line));
        }
        files.put(key, statement.toString().getBytes(StandardCharsets.UTF_8));
        int matched = items - missing - misKeyed;
        accounts.add(new AccountTruth(account, currency, items, statementRows.size(), matched, missing + misKeyed,
                misKeyed + fees));
    }

    /** A factor of the sample's price history: its close on the first day, daily volatility and decimals. */
    private record Factor(String name, double start, double dailyVol, int scale) {
    }

    private static final double TRADING_DAYS = 252;

    /**
     * Five equities, one currency pair (USD per EUR) and one yield, each a driftless geometric
     * Brownian path of business-day closes, so the yield stays positive; volatilities are annual
     * figures scaled to a day.
     */
    private static final List<Factor> FACTORS = List.of(
            new Factor("AAPL", 190, 0.018, 4),
            new Factor("MSFT", 410, 0.016, 4),
            new Factor("NVDA", 120, 0.030, 4),
            new Factor("JNJ", 160, 0.010, 4),
            new Factor("KO", 62, 0.008, 4),
            new Factor("EURUSD", 1.08, 0.08 / Math.sqrt(TRADING_DAYS), 5),
            new Factor("UST5Y", 0.042, 0.25 / Math.sqrt(TRADING_DAYS), 6));

    private void addPortfolios(SplittableRandom random) {
        StringBuilder prices = new StringBuilder("date,factor,close\n");
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = BUSINESS_DATE.minusDays(380); !d.isAfter(BUSINESS_DATE); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days.add(d);
            }
        }
        Map<String, Double> spot = new LinkedHashMap<>();
        for (Factor factor : FACTORS) {
            double price = factor.start();
            double vol = factor.dailyVol();
            for (LocalDate day : days) {
                price *= Math.exp(vol * gaussian(random) - 0.5 * vol * vol);
                BigDecimal close = BigDecimal.valueOf(price).setScale(factor.scale(), RoundingMode.HALF_EVEN);
                prices.append(day).append(',').append(factor.name()).append(',').append(close.toPlainString())
                        .append('\n');
                spot.put(factor.name(), close.doubleValue());
            }
        }
        files.put("inbound/market-data/prices-" + BUSINESS_DATE + ".csv", prices.toString().getBytes(StandardCharsets.UTF_8));

        // Equities (one short), calls and puts struck near the last close (one written), a EUR
        // holding and a five-year zero-coupon bond; the business date is in the file name.
        String positions = "position_id,portfolio,type,quantity,underlying,strike,expiry_years,option_type\n"
                + "G-AAPL,PF-GROWTH,EQUITY,1200,AAPL,,,\n"
                + "G-MSFT,PF-GROWTH,EQUITY,800,MSFT,,,\n"
                + "G-NVDA,PF-GROWTH,EQUITY,2500,NVDA,,,\n"
                + option("G-NVDA-C", "PF-GROWTH", 1000, "NVDA", spot, 1.05, "0.5", "CALL")
                + option("G-AAPL-P", "PF-GROWTH", 500, "AAPL", spot, 0.95, "0.25", "PUT")
                + option("G-MSFT-C", "PF-GROWTH", -400, "MSFT", spot, 1.10, "0.1", "CALL")
                + "G-EUR,PF-GROWTH,FX,2000000,EURUSD,,,\n"
                + "I-JNJ,PF-INCOME,EQUITY,1500,JNJ,,,\n"
                + "I-KO,PF-INCOME,EQUITY,4000,KO,,,\n"
                + "I-NVDA,PF-INCOME,EQUITY,-300,NVDA,,,\n"
                + option("I-JNJ-P", "PF-INCOME", 600, "JNJ", spot, 1.00, "1", "PUT")
                + option("I-KO-C", "PF-INCOME", 2000, "KO", spot, 1.00, "0.75", "CALL")
                + "I-UST5Y,PF-INCOME,BOND,3,UST5Y,1000000,5,\n";
        files.put("inbound/positions/positions-" + BUSINESS_DATE + ".csv", positions.getBytes(StandardCharsets.UTF_8));
    }

    /** An option row struck at {@code moneyness} times the underlying's last close, rounded to a whole number. */
    private static String option(String id, String portfolio, int quantity, String underlying, Map<String, Double> spot,
            double moneyness, String expiryYears, String optionType) {
        long strike = Math.max(1, Math.round(spot.get(underlying) * moneyness));
        return csvLine(id, portfolio, "OPTION", Integer.toString(quantity), underlying, Long.toString(strike),
                expiryYears, optionType) + "\n";
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on every JDK we target.
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    static String csvLine(String... fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            String field = fields[i];
            if (field.contains(",") || field.contains("\"") || field.contains("\n")) {
                line.append('"').append(field.replace("\"", "\"\"")).append('"');
            } else {
                line.append(field);
            }
        }
        return line.toString();
    }

    /** Data-bucket key to file content, in upload order. */
    public Map<String, byte[]> files() {
        return files;
    }

    public List<AccountTruth> accounts() {
        return accounts;
    }

    public List<ExpectedReject> expectedRejects() {
        return rejects;
    }

    public List<String> portfolios() {
        return portfolios;
    }

    /**
     * The report ids the night must produce: one reconciliation report (every account), one risk report
     * (every portfolio) and the night summary, of the sample's business date.
     */
    public List<String> expectedReportIds() {
        return List.of(ReportKind.RECONCILIATION, ReportKind.RISK, ReportKind.NIGHT).stream()
                .map(kind -> ReportId.of(kind, BUSINESS_DATE).value()).toList();
    }
}
