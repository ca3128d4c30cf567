package com.nightshift.reconciliation.generator;

import com.nightshift.common.transaction.AccountId;
import com.nightshift.common.transaction.Transaction;
import com.nightshift.common.transaction.TransactionCsvCodec;
import com.nightshift.reconciliation.MatchRule;
import com.nightshift.reconciliation.OpenItem;
import com.nightshift.reconciliation.OpenItemCsvCodec;
import com.nightshift.reconciliation.ReconciliationManifest;
import com.nightshift.reconciliation.ReconciliationRules;
import com.nightshift.reconciliation.RulesFile;
import com.nightshift.reconciliation.Side;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Makes a ledger, statements and open items for many accounts with a known ground truth: which ledger
 * entries belong with which statement entries, and under which rule they should match, or that they
 * should stay unmatched. The same settings give the same data, to the byte.
 *
 * <p>Every case the engine handles is injected, each account drawing its cases at random with fixed
 * weights ({@link Case}): exact pairs with reference noise (case, spaces, punctuation, full-width
 * characters), references moved into the remittance text, value dates shifted within the window (across
 * weekends, and to its very edge) and beyond it, amounts within tolerance matched by reference or by
 * counterparty, two payments a cent apart to one counterparty, batch payments in both directions (one
 * beside an unpaid invoice of a part's amount), duplicates, reversed signs, recurring equal payments
 * (the same amount and counterparty every week; a standing order with the same reference every month),
 * currency mismatches, blank references on both sides, entries with no counterpart, and open items from
 * earlier nights that match tonight or stay open.
 *
 * <p>The truth is what a careful clerk would decide, not what the engine does; cases that are ambiguous
 * by nature (two identical duplicates) follow the documented tie-break (the first entry id wins). The
 * generator keeps recurring payments further apart than the window, so that each has one right partner.
 */
public final class ReconciliationDataGenerator {

    public static final String LEDGER_FILE = "ledger.csv";
    public static final String STATEMENT_FILE = "statement.csv";
    public static final String OPEN_ITEMS_FILE = "open_items.csv";
    public static final String TRUTH_FILE = "truth.csv";

    /** A Friday, so that windows cross weekends. */
    public static final LocalDate DEFAULT_BUSINESS_DATE = LocalDate.of(2026, 11, 20);

    private static final List<String> COMPANIES = List.of("Acme Corp", "Globex Ltd", "Initech GmbH", "Umbrella plc",
            "Stark Industries", "Wayne Enterprises", "Hooli Inc", "Vandelay Imports", "Soylent S.A.", "Tyrell Corp",
            "Cyberdyne Systems", "Wonka Industries", "Duff Brewing", "Oceanic Airlines", "Monarch Solutions",
            "Nakatomi Trading", "Gringotts Bank", "Bluth Company", "Dunder Mifflin", "Prestige Worldwide",
            "Massive Dynamic", "Pied Piper", "Sterling Cooper", "Los Pollos Hermanos", "Krusty Krab",
            "Aperture Science", "Black Mesa", "Virtucon", "Gekko & Co", "Rich Industries", "Ollivanders",
            "Blue Sun Corp", "Weyland-Yutani", "Omni Consumer Products", "Zorg Industries", "InGen",
            "Müller & Söhne KG", "Société Générale des Eaux", "Øresund Shipping", "José García e Hijos");

    private static final List<String> LEDGER_TEXTS = List.of("Invoice payment", "Supplier payment", "Customer receipt",
            "Payroll", "Rent", "Service fee", "Refund", "Card settlement", "Subscription", "Utilities");

    private static final List<String> STATEMENT_TEXTS = List.of("SEPA credit transfer", "Direct debit",
            "Incoming wire", "Outgoing wire", "Card settlement", "Standing order", "Transfer", "Cash management sweep");

    private static final List<Currency> CURRENCIES = List.of(Currency.getInstance("USD"), Currency.getInstance("EUR"),
            Currency.getInstance("GBP"), Currency.getInstance("CHF"), Currency.getInstance("CAD"));

    /**
     * What a data set is made of: how many accounts, about how many ledger entries each (the generator
     * stops adding cases to an account once it has this many), the night's business date, and the rules
     * the truth is written for (the window, tolerance and aggregate size shape the cases).
     */
    public record Settings(long seed, int accounts, int ledgerEntriesPerAccount, LocalDate businessDate,
                           ReconciliationRules rules) {

        public Settings {
            if (accounts < 1 || accounts > 99_999) {
                throw new IllegalArgumentException("accounts must be 1 to 99999, was " + accounts);
            }
            if (ledgerEntriesPerAccount < 1 || ledgerEntriesPerAccount > 999_999) {
                throw new IllegalArgumentException("ledger entries per account must be 1 to 999999, was "
                        + ledgerEntriesPerAccount);
            }
            Objects.requireNonNull(businessDate, "businessDate");
            Objects.requireNonNull(rules, "rules");
        }

        /** {@code accounts} accounts of about {@code perAccount} ledger entries, default date and rules. */
        public static Settings of(long seed, int accounts, int perAccount) {
            return new Settings(seed, accounts, perAccount, DEFAULT_BUSINESS_DATE, ReconciliationRules.defaults());
        }
    }

    /** A generated data set: tonight's entries, the open items of earlier nights, and the truth. */
    public record GeneratedSet(Settings settings, List<Transaction> ledger, List<Transaction> statements,
                               List<OpenItem> openItems, List<TruthRow> truth) {

        public GeneratedSet {
            Objects.requireNonNull(settings, "settings");
            ledger = List.copyOf(ledger);
            statements = List.copyOf(statements);
            openItems = List.copyOf(openItems);
            truth = List.copyOf(truth);
        }

        /**
         * Writes {@value #LEDGER_FILE}, {@value #STATEMENT_FILE} (the transaction CSV),
         * {@value #OPEN_ITEMS_FILE} ({@link OpenItemCsvCodec}) and {@value #TRUTH_FILE}
         * ({@link TruthCsvCodec}) into {@code directory}, creating it if needed.
         */
        public void write(Path directory) throws IOException {
            Files.createDirectories(directory);
            TransactionCsvCodec transactions = new TransactionCsvCodec();
            try (OutputStream out = open(directory.resolve(LEDGER_FILE))) {
                transactions.write(ledger, out);
            }
            try (OutputStream out = open(directory.resolve(STATEMENT_FILE))) {
                transactions.write(statements, out);
            }
            try (OutputStream out = open(directory.resolve(OPEN_ITEMS_FILE))) {
                new OpenItemCsvCodec().write(openItems, out);
            }
            try (OutputStream out = open(directory.resolve(TRUTH_FILE))) {
                new TruthCsvCodec().write(truth, out);
            }
        }

        private static OutputStream open(Path file) throws IOException {
            return new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        }
    }

    /** The cases, with their relative weights. */
    enum Case {
        EXACT(28),
        EXACT_REFERENCE_IN_TEXT(8),
        EXACT_AT_WINDOW_EDGE(3),
        BEYOND_WINDOW(3),
        TOLERANCE_BY_REFERENCE(5),
        TOLERANCE_BY_COUNTERPARTY(5),
        TOLERANCE_NEAR_TWINS(2),
        AGGREGATE_STATEMENT_TOTAL(5),
        AGGREGATE_WITH_DECOY(2),
        AGGREGATE_LEDGER_TOTAL(4),
        DUPLICATE_STATEMENT(3),
        DUPLICATE_LEDGER(2),
        REVERSED_SIGN(2),
        RECURRING_WEEKLY(4),
        RECURRING_MONTHLY(2),
        CURRENCY_MISMATCH(2),
        BLANK_REFERENCES(3),
        LEDGER_ONLY(4),
        STATEMENT_ONLY(4),
        OPEN_LEDGER_MATCHED(3),
        OPEN_STATEMENT_MATCHED(2),
        OPEN_STALE(2);

        final int weight;

        Case(int weight) {
            this.weight = weight;
        }
    }

    private ReconciliationDataGenerator() {
    }

    /** The data set for {@code settings}. */
    public static GeneratedSet generate(Settings settings) {
        SplittableRandom master = new SplittableRandom(settings.seed());
        List<Transaction> ledger = new ArrayList<>();
        List<Transaction> statements = new ArrayList<>();
        List<OpenItem> openItems = new ArrayList<>();
        List<TruthRow> truth = new ArrayList<>();
        for (int index = 1; index <= settings.accounts(); index++) {
            AccountGenerator account = new AccountGenerator(settings, index, master.split(), ledger, statements,
                    openItems, truth);
            account.generate();
        }
        return new GeneratedSet(settings, ledger, statements, openItems, truth);
    }

    /** One account's cases; all randomness comes from the account's own generator. */
    private static final class AccountGenerator {

        private final Settings settings;
        private final SplittableRandom random;
        private final AccountId account;
        private final String code;
        private final Currency currency;
        private final Currency otherCurrency;
        private final List<String> counterparties;
        private final LocalDate businessDate;
        private final int window;
        private final int maxParts;
        private final List<Transaction> ledger;
        private final List<Transaction> statements;
        private final List<OpenItem> openItems;
        private final List<TruthRow> truth;
        private int ledgerCount;
        private int ledgerSequence;
        private int statementSequence;
        private int referenceSequence;
        private final int totalWeight;

        AccountGenerator(Settings settings, int index, SplittableRandom random, List<Transaction> ledger,
                         List<Transaction> statements, List<OpenItem> openItems, List<TruthRow> truth) {
            this.settings = settings;
            this.random = random;
            this.code = String.format(Locale.ROOT, "%05d", index);
            this.account = AccountId.of("ACC-" + code);
            this.currency = CURRENCIES.get(random.nextInt(CURRENCIES.size()));
            Currency other = CURRENCIES.get(random.nextInt(CURRENCIES.size() - 1));
            this.otherCurrency = other.equals(currency) ? CURRENCIES.get(CURRENCIES.size() - 1) : other;
            List<String> names = new ArrayList<>(COMPANIES);
            this.counterparties = new ArrayList<>();
            for (int i = 0; i < 12 + random.nextInt(12); i++) {
                counterparties.add(names.remove(random.nextInt(names.size())));
            }
            this.businessDate = settings.businessDate();
            this.window = settings.rules().valueDateWindowBusinessDays();
            this.maxParts = settings.rules().aggregate().maxEntries();
            this.ledger = ledger;
            this.statements = statements;
            this.openItems = openItems;
            this.truth = truth;
            int weights = 0;
            for (Case c : Case.values()) {
                weights += c.weight;
            }
            this.totalWeight = weights;
        }

        void generate() {
            while (ledgerCount < settings.ledgerEntriesPerAccount()) {
                generate(nextCase());
            }
        }

        private Case nextCase() {
            int draw = random.nextInt(totalWeight);
            for (Case c : Case.values()) {
                draw -= c.weight;
                if (draw < 0) {
                    return c;
                }
            }
            throw new IllegalStateException("weights");
        }

        private void generate(Case c) {
            switch (c) {
                case EXACT -> exact(shift(window), false);
                case EXACT_REFERENCE_IN_TEXT -> exact(shift(window), true);
                case EXACT_AT_WINDOW_EDGE -> exact(random.nextBoolean() ? window : -window, random.nextBoolean());
                case BEYOND_WINDOW -> beyondWindow();
                case TOLERANCE_BY_REFERENCE -> toleranceByReference();
                case TOLERANCE_BY_COUNTERPARTY -> toleranceByCounterparty();
                case TOLERANCE_NEAR_TWINS -> toleranceNearTwins();
                case AGGREGATE_STATEMENT_TOTAL -> aggregateStatementTotal();
                case AGGREGATE_WITH_DECOY -> aggregateWithDecoy();
                case AGGREGATE_LEDGER_TOTAL -> aggregateLedgerTotal();
                case DUPLICATE_STATEMENT -> duplicateStatement();
                case DUPLICATE_LEDGER -> duplicateLedger();
                case REVERSED_SIGN -> reversedSign();
                case RECURRING_WEEKLY -> recurringWeekly();
                case RECURRING_MONTHLY -> recurringMonthly();
                case CURRENCY_MISMATCH -> currencyMismatch();
                case BLANK_REFERENCES -> blankReferences();
                case LEDGER_ONLY -> truth.add(TruthRow.unmatchedLedger(
                        ledger(valueDate(), amount(), counterparty(), reference(), ledgerText()).entryId()));
                case STATEMENT_ONLY -> truth.add(TruthRow.unmatchedStatement(statement(valueDate(), amount(),
                        bankName(counterparty()), bankReference(), statementText(), currency).entryId()));
                case OPEN_LEDGER_MATCHED -> openMatched(Side.LEDGER);
                case OPEN_STATEMENT_MATCHED -> openMatched(Side.STATEMENT);
                case OPEN_STALE -> openStale();
            }
        }

        // ---- cases ----

        private void exact(int shift, boolean referenceInText) {
            String reference = reference();
            String counterparty = counterparty();
            BigDecimal amount = amount();
            LocalDate date = valueDate();
            Transaction l = ledger(date, amount, counterparty, reference, ledgerText());
            Transaction s = referenceInText
                    ? statement(onWeekendMaybe(addBusinessDays(date, shift)), rescale(amount), bankName(counterparty),
                            random.nextBoolean() ? "" : bankReference(), remittance(reference), currency)
                    : statement(onWeekendMaybe(addBusinessDays(date, shift)), rescale(amount), bankName(counterparty),
                            noisy(reference), statementText(), currency);
            pair(MatchRule.EXACT, l, s);
        }

        private void beyondWindow() {
            String reference = reference();
            BigDecimal amount = amount();
            LocalDate date = valueDate();
            int beyond = window + 1 + random.nextInt(3);
            Transaction l = ledger(date, amount, counterparty(), reference, ledgerText());
            Transaction s = statement(addBusinessDays(date, random.nextInt(4) == 0 ? -beyond : beyond), amount,
                    bankName(l.counterparty()), noisy(reference), statementText(), currency);
            truth.add(TruthRow.unmatchedLedger(l.entryId()));
            truth.add(TruthRow.unmatchedStatement(s.entryId()));
        }

        private void toleranceByReference() {
            String reference = reference();
            BigDecimal amount = amount();
            BigDecimal difference = toleranceDifference(amount, false);
            if (difference.signum() == 0) {
                exact(shift(window), false);
                return;
            }
            LocalDate date = valueDate();
            Transaction l = ledger(date, amount, counterparty(), reference, ledgerText());
            Transaction s = statement(addBusinessDays(date, shift(window)), amount.add(difference),
                    bankName(l.counterparty()), noisy(reference), statementText(), currency);
            pair(MatchRule.TOLERANCE, l, s);
        }

        private void toleranceByCounterparty() {
            BigDecimal amount = amount();
            BigDecimal difference = toleranceDifference(amount, random.nextInt(3) == 0);
            LocalDate date = valueDate();
            String counterparty = counterparty();
            Transaction l = ledger(date, amount, counterparty, random.nextBoolean() ? reference() : "", ledgerText());
            Transaction s = statement(onWeekendMaybe(addBusinessDays(date, shift(window))), amount.add(difference),
                    bankName(counterparty), random.nextBoolean() ? bankReference() : "", statementText(), currency);
            pair(MatchRule.TOLERANCE, l, s);
        }

        /**
         * Two payments to one counterparty a cent apart (or less than the tolerance), without references,
         * on nearby dates: each statement entry has both ledger entries within tolerance, and the right
         * partner is the one of equal amount even when the value dates shift across each other.
         */
        private void toleranceNearTwins() {
            String counterparty = counterparty();
            BigDecimal amount = amount();
            BigDecimal twin = amount.add(amount.signum() < 0 ? new BigDecimal("-0.01") : new BigDecimal("0.01"));
            LocalDate date = valueDate();
            for (BigDecimal each : List.of(amount, twin)) {
                LocalDate ledgerDate = addBusinessDays(date, random.nextInt(2));
                Transaction l = ledger(ledgerDate, each, counterparty, "", ledgerText());
                Transaction s = statement(addBusinessDays(ledgerDate, shift(window)), each, bankName(counterparty),
                        random.nextBoolean() ? "" : bankReference(), statementText(), currency);
                pair(MatchRule.TOLERANCE, l, s);
            }
        }

        /**
         * A batch payment whose counterparty also has an unpaid invoice of the same amount as one of the
         * batch's parts, farther from the batch's value date than every part: the decoy stays unmatched.
         */
        private void aggregateWithDecoy() {
            long[] cents = split(2 + random.nextInt(maxParts - 1));
            LocalDate date = valueDate();
            String counterparty = counterparty();
            List<String> ledgerIds = new ArrayList<>();
            long total = 0;
            int farthest = 0;
            for (long part : cents) {
                total += part;
                int shift = random.nextInt(window);
                farthest = Math.max(farthest, shift);
                ledgerIds.add(ledger(addBusinessDays(date, -shift), money(part), counterparty, reference(),
                        ledgerText()).entryId());
            }
            Transaction decoy = ledger(addBusinessDays(date, -(farthest + 1)), money(cents[0]), counterparty,
                    reference(), ledgerText());
            Transaction s = statement(date, money(total), bankName(counterparty), bankReference(), "Batch payment",
                    currency);
            truth.add(TruthRow.match(MatchRule.AGGREGATE, ledgerIds, List.of(s.entryId())));
            truth.add(TruthRow.unmatchedLedger(decoy.entryId()));
        }

        private void aggregateStatementTotal() {
            int parts = 2 + random.nextInt(maxParts - 1);
            long[] cents = split(parts);
            LocalDate date = valueDate();
            String counterparty = counterparty();
            boolean batchReference = random.nextBoolean();
            String batch = "BATCH-" + code + "-" + (++referenceSequence);
            List<String> ledgerIds = new ArrayList<>();
            long total = 0;
            for (long part : cents) {
                total += part;
                ledgerIds.add(ledger(addBusinessDays(date, shift(window)), money(part), counterparty,
                        batchReference ? batch : reference(), ledgerText()).entryId());
            }
            Transaction s = statement(date, money(total), bankName(counterparty),
                    batchReference ? noisy(batch) : bankReference(), "Batch payment", currency);
            truth.add(TruthRow.match(MatchRule.AGGREGATE, ledgerIds, List.of(s.entryId())));
        }

        private void aggregateLedgerTotal() {
            int parts = 2 + random.nextInt(maxParts - 1);
            long[] cents = split(parts);
            LocalDate date = valueDate();
            String counterparty = counterparty();
            String reference = reference();
            int variant = random.nextInt(3);
            List<String> statementIds = new ArrayList<>();
            long total = 0;
            for (long part : cents) {
                total += part;
                LocalDate partDate = addBusinessDays(date, shift(window));
                Transaction s = switch (variant) {
                    case 0 -> statement(partDate, money(part), bankName(counterparty), noisy(reference),
                            "Partial payment", currency);
                    case 1 -> statement(partDate, money(part), bankName(counterparty), bankReference(),
                            remittance(reference), currency);
                    default -> statement(partDate, money(part), bankName(counterparty), "", "Instalment", currency);
                };
                statementIds.add(s.entryId());
            }
            Transaction l = ledger(date, money(total), counterparty, reference, ledgerText());
            truth.add(TruthRow.match(MatchRule.AGGREGATE, List.of(l.entryId()), statementIds));
        }

        private void duplicateStatement() {
            String reference = reference();
            BigDecimal amount = amount();
            LocalDate date = valueDate();
            Transaction l = ledger(date, amount, counterparty(), reference, ledgerText());
            LocalDate statementDate = addBusinessDays(date, shift(window));
            String noisy = noisy(reference);
            Transaction first = statement(statementDate, amount, bankName(l.counterparty()), noisy, statementText(),
                    currency);
            Transaction again = statement(statementDate, amount, first.counterparty(), noisy, first.description(),
                    currency);
            pair(MatchRule.EXACT, l, first);
            truth.add(TruthRow.unmatchedStatement(again.entryId()));
        }

        private void duplicateLedger() {
            String reference = reference();
            BigDecimal amount = amount();
            LocalDate date = valueDate();
            Transaction first = ledger(date, amount, counterparty(), reference, ledgerText());
            Transaction again = ledger(date, amount, first.counterparty(), reference, first.description());
            Transaction s = statement(addBusinessDays(date, shift(window)), amount, bankName(first.counterparty()),
                    noisy(reference), statementText(), currency);
            pair(MatchRule.EXACT, first, s);
            truth.add(TruthRow.unmatchedLedger(again.entryId()));
        }

        private void reversedSign() {
            String reference = reference();
            BigDecimal amount = amount();
            LocalDate date = valueDate();
            Transaction l = ledger(date, amount, counterparty(), reference, ledgerText());
            Transaction s = statement(addBusinessDays(date, shift(window)), amount.negate(),
                    bankName(l.counterparty()), noisy(reference), statementText(), currency);
            truth.add(TruthRow.unmatchedLedger(l.entryId()));
            truth.add(TruthRow.unmatchedStatement(s.entryId()));
        }

        /**
         * A weekly payment, same amount and counterparty, no reference: each week's pair is a tolerance
         * match (difference zero, equal counterparties). Weeks are further apart than the window plus one
         * day of shift, so an entry whose partner is missing has no right partner in reach.
         */
        private void recurringWeekly() {
            BigDecimal amount = amount();
            String counterparty = counterparty();
            int spacing = Math.max(5, window + 2);
            int occurrences = 3 + random.nextInt(3);
            LocalDate first = addBusinessDays(valueDate(), -spacing * (occurrences - 1));
            for (int i = 0; i < occurrences; i++) {
                LocalDate date = addBusinessDays(first, spacing * i);
                int presence = random.nextInt(20);
                Transaction l = presence == 0 ? null : ledger(date, amount, counterparty, "", "Subscription");
                Transaction s = presence >= 1 && presence <= 3 ? null : statement(addBusinessDays(date,
                        random.nextInt(2)), amount, bankName(counterparty), random.nextBoolean() ? "" : bankReference(),
                        "Direct debit", currency);
                if (l != null && s != null) {
                    pair(MatchRule.TOLERANCE, l, s);
                } else if (l != null) {
                    truth.add(TruthRow.unmatchedLedger(l.entryId()));
                } else {
                    truth.add(TruthRow.unmatchedStatement(s.entryId()));
                }
            }
        }

        /** A monthly standing order: the same amount and reference every month, each month an exact match. */
        private void recurringMonthly() {
            BigDecimal amount = amount();
            String counterparty = counterparty();
            String reference = "SO-" + code + "-" + (++referenceSequence);
            int spacing = Math.max(21, window + 2);
            LocalDate first = addBusinessDays(valueDate(), -spacing * 2);
            for (int i = 0; i < 3; i++) {
                LocalDate date = addBusinessDays(first, spacing * i);
                Transaction l = ledger(date, amount, counterparty, reference, "Standing order");
                Transaction s = statement(addBusinessDays(date, random.nextInt(2)), amount, bankName(counterparty),
                        noisy(reference), "Standing order", currency);
                pair(MatchRule.EXACT, l, s);
            }
        }

        private void currencyMismatch() {
            String reference = reference();
            BigDecimal amount = amount();
            LocalDate date = valueDate();
            Transaction l = ledger(date, amount, counterparty(), reference, ledgerText());
            Transaction s = statement(date, amount, bankName(l.counterparty()), noisy(reference), statementText(),
                    otherCurrency);
            truth.add(TruthRow.unmatchedLedger(l.entryId()));
            truth.add(TruthRow.unmatchedStatement(s.entryId()));
        }

        private void blankReferences() {
            BigDecimal amount = amount();
            LocalDate date = valueDate();
            String ledgerParty = random.nextBoolean() ? counterparty() : "";
            String statementParty = "";
            if (random.nextBoolean()) {
                do {
                    statementParty = counterparty();
                } while (statementParty.equals(ledgerParty));
            }
            Transaction l = ledger(date, amount, ledgerParty, "", ledgerText());
            Transaction s = statement(date, amount, statementParty.isEmpty() ? "" : bankName(statementParty), "",
                    statementText(), currency);
            truth.add(TruthRow.unmatchedLedger(l.entryId()));
            truth.add(TruthRow.unmatchedStatement(s.entryId()));
        }

        /** An entry first seen one to three nights ago whose counterpart arrives tonight. */
        private void openMatched(Side openSide) {
            String reference = reference();
            BigDecimal amount = amount();
            String counterparty = counterparty();
            LocalDate firstSeen = addBusinessDays(businessDate, -(1 + random.nextInt(3)));
            LocalDate date = addBusinessDays(firstSeen, -random.nextInt(2));
            LocalDate otherDate = addBusinessDays(date, random.nextInt(window + 1));
            Transaction l;
            Transaction s;
            if (openSide == Side.LEDGER) {
                l = entry(Side.LEDGER, firstSeen, date, amount, counterparty, reference, ledgerText(), currency);
                openItems.add(OpenItem.of(Side.LEDGER, l, firstSeen));
                s = statement(otherDate, amount, bankName(counterparty), noisy(reference), statementText(), currency);
            } else {
                s = entry(Side.STATEMENT, firstSeen, date, amount, bankName(counterparty), noisy(reference),
                        statementText(), currency);
                openItems.add(OpenItem.of(Side.STATEMENT, s, firstSeen));
                l = ledger(otherDate, amount, counterparty, reference, ledgerText());
            }
            pair(MatchRule.EXACT, l, s);
        }

        /** An entry open for days or weeks whose counterpart never comes. */
        private void openStale() {
            LocalDate firstSeen = addBusinessDays(businessDate, -(5 + random.nextInt(20)));
            Side side = random.nextBoolean() ? Side.LEDGER : Side.STATEMENT;
            Transaction t = side == Side.LEDGER
                    ? entry(side, firstSeen, firstSeen, amount(), counterparty(), reference(), ledgerText(), currency)
                    : entry(side, firstSeen, firstSeen, amount(), bankName(counterparty()), bankReference(),
                            statementText(), currency);
            openItems.add(OpenItem.of(side, t, firstSeen));
            truth.add(side == Side.LEDGER ? TruthRow.unmatchedLedger(t.entryId())
                    : TruthRow.unmatchedStatement(t.entryId()));
        }

        // ---- entries ----

        private Transaction ledger(LocalDate valueDate, BigDecimal amount, String counterparty, String reference,
                                   String description) {
            Transaction t = entry(Side.LEDGER, businessDate, valueDate, amount, counterparty, reference, description,
                    currency);
            ledger.add(t);
            return t;
        }

        private Transaction statement(LocalDate valueDate, BigDecimal amount, String counterparty, String reference,
                                      String description, Currency in) {
            Transaction t = entry(Side.STATEMENT, businessDate, valueDate, amount, counterparty, reference,
                    description, in);
            statements.add(t);
            return t;
        }

        /** A new entry with the side's next id; not added to tonight's files. */
        private Transaction entry(Side side, LocalDate bookingDate, LocalDate valueDate, BigDecimal amount,
                                  String counterparty, String reference, String description, Currency in) {
            String id;
            if (side == Side.LEDGER) {
                ledgerCount++;
                id = String.format(Locale.ROOT, "L%s-%06d", code, ++ledgerSequence);
            } else {
                id = String.format(Locale.ROOT, "S%s-%06d", code, ++statementSequence);
            }
            return Transaction.of(id, account, bookingDate, valueDate, amount, in, counterparty, reference, description);
        }

        private void pair(MatchRule rule, Transaction l, Transaction s) {
            truth.add(TruthRow.match(rule, List.of(l.entryId()), List.of(s.entryId())));
        }

        // ---- values ----

        /** An amount to the cent of 3 to 8 digits (1.00 to 999,999.99), debits a little more often than credits. */
        private BigDecimal amount() {
            return money(cents(3 + random.nextInt(6)) * (random.nextInt(5) < 3 ? -1 : 1));
        }

        private long cents(int digits) {
            long low = pow10(digits - 1);
            return low + random.nextLong(pow10(digits) - low);
        }

        private static long pow10(int n) {
            long p = 1;
            for (int i = 0; i < n; i++) {
                p *= 10;
            }
            return p;
        }

        private static BigDecimal money(long cents) {
            return BigDecimal.valueOf(cents, 2);
        }

        /**
         * Up to {@code parts} amounts in cents (at least two), all of one sign, that add up to a total;
         * every part differs from the total by more than the tolerance, so no part matches the total on
         * its own. Fewer parts only when a wide tolerance leaves no room for more.
         */
        private long[] split(int parts) {
            long total;
            long minimum;
            int count;
            do {
                total = cents(5 + random.nextInt(3));
                minimum = Math.max(100, toleranceCents(total) + 1);
                count = parts;
                while (count > 2 && total < minimum * count * 2) {
                    count--;
                }
            } while (total < minimum * count * 2);
            long[] cents = new long[count];
            long left = total;
            for (int i = 0; i < count - 1; i++) {
                long room = left - minimum * (count - i);
                cents[i] = minimum + random.nextLong(room / 2 + 1);
                left -= cents[i];
            }
            cents[count - 1] = left;
            long sign = random.nextInt(5) < 3 ? -1 : 1;
            for (int i = 0; i < count; i++) {
                cents[i] *= sign;
            }
            return cents;
        }

        /** The tolerance at {@code cents} in whole cents, rounded down. */
        private long toleranceCents(long cents) {
            ReconciliationRules.Tolerance tolerance = settings.rules().tolerance();
            BigDecimal rate = money(Math.abs(cents)).multiply(tolerance.basisPoints()).movePointLeft(4);
            return tolerance.absolute().max(rate).movePointRight(2).longValue();
        }

        /** A non-zero difference within tolerance at {@code amount} (zero if allowed and drawn, or if none fits). */
        private BigDecimal toleranceDifference(BigDecimal amount, boolean zero) {
            long most = toleranceCents(amount.movePointRight(2).longValue());
            most = Math.min(most, Math.abs(amount.movePointRight(2).longValue()) - 1);
            if (zero || most < 1) {
                return BigDecimal.ZERO;
            }
            long cents = 1 + random.nextLong(most);
            return money(random.nextBoolean() ? cents : -cents);
        }

        /** The same amount, sometimes written at another scale (10.50 as 10.5 or 10.5000). */
        private BigDecimal rescale(BigDecimal amount) {
            int draw = random.nextInt(10);
            if (draw == 0) {
                BigDecimal stripped = amount.stripTrailingZeros();
                return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
            }
            return draw == 1 ? amount.setScale(4) : amount;
        }

        private String counterparty() {
            return counterparties.get(random.nextInt(counterparties.size()));
        }

        /** The bank's spelling of a name: the same letters and digits, other case and punctuation. */
        private String bankName(String name) {
            return switch (random.nextInt(4)) {
                case 0 -> name.toUpperCase(Locale.ROOT);
                case 1 -> name.toUpperCase(Locale.ROOT).replace(" ", "  ") + ".";
                case 2 -> name.replace(" ", ", ");
                default -> name;
            };
        }

        private String reference() {
            int n = ++referenceSequence;
            return switch (random.nextInt(4)) {
                case 0 -> String.format(Locale.ROOT, "INV-%s-%06d", code, n);
                case 1 -> String.format(Locale.ROOT, "PO%s%05d/%d", code, n, random.nextInt(10));
                case 2 -> String.format(Locale.ROOT, "RF%02d %s %05d", 10 + random.nextInt(90), code, n);
                default -> String.format(Locale.ROOT, "CN%s-%05d-X", code, n);
            };
        }

        /** A bank's own reference (an AcctSvcrRef): never a ledger reference. */
        private String bankReference() {
            return String.format(Locale.ROOT, "BNK%s%08d", code, random.nextInt(100_000_000));
        }

        /** The reference as a bank might carry it: other case, spaces, punctuation or full-width forms. */
        private String noisy(String reference) {
            String noisy = reference;
            switch (random.nextInt(6)) {
                case 0 -> noisy = noisy.toLowerCase(Locale.ROOT);
                case 1 -> noisy = noisy.replace("-", " ").replace("/", " ");
                case 2 -> noisy = noisy.replace("-", "").replace(" ", "").replace("/", ".");
                case 3 -> noisy = fullWidth(noisy);
                case 4 -> noisy = " " + noisy.toLowerCase(Locale.ROOT).replace("-", "/") + ".";
                default -> {
                    // as booked
                }
            }
            return noisy;
        }

        private static String fullWidth(String text) {
            StringBuilder wide = new StringBuilder(text.length());
            for (char c : text.toCharArray()) {
                wide.append(c > ' ' && c < 0x7f ? (char) (c + 0xFEE0) : c);
            }
            return wide.toString();
        }

        /** Remittance text carrying the reference as a word of its own. */
        private String remittance(String reference) {
            String noisy = noisy(reference).strip();
            return switch (random.nextInt(4)) {
                case 0 -> "Payment " + noisy + " thank you";
                case 1 -> "/INV/" + noisy + "/";
                case 2 -> "EREF+" + noisy + " SVWZ+Settlement";
                default -> "Ref: " + noisy + ", " + businessDate.getMonth().toString().toLowerCase(Locale.ROOT);
            };
        }

        private String ledgerText() {
            return LEDGER_TEXTS.get(random.nextInt(LEDGER_TEXTS.size()));
        }

        private String statementText() {
            return STATEMENT_TEXTS.get(random.nextInt(STATEMENT_TEXTS.size()));
        }

        // ---- dates ----

        /** A weekday up to ten business days before the business date. */
        private LocalDate valueDate() {
            return addBusinessDays(weekday(businessDate), -random.nextInt(11));
        }

        /** A shift of 0 to {@code most} business days, mostly small, mostly forward. */
        private int shift(int most) {
            int draw = random.nextInt(100);
            int days = draw < 50 ? 0 : draw < 75 ? 1 : draw < 88 ? 2 : 3 + random.nextInt(Math.max(1, most - 2));
            days = Math.min(days, most);
            return random.nextInt(10) < 3 ? -days : days;
        }

        /** A Monday sometimes given as the Saturday or Sunday before it, which counts as that Monday. */
        private LocalDate onWeekendMaybe(LocalDate date) {
            if (date.getDayOfWeek() == DayOfWeek.MONDAY && random.nextInt(3) == 0) {
                return date.minusDays(1 + random.nextInt(2));
            }
            return date;
        }

        private static LocalDate weekday(LocalDate date) {
            LocalDate d = date;
            while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
                d = d.minusDays(1);
            }
            return d;
        }

        /** {@code days} business days after (before, if negative) a weekday. */
        private static LocalDate addBusinessDays(LocalDate weekday, int days) {
            LocalDate d = weekday;
            int step = days < 0 ? -1 : 1;
            for (int left = Math.abs(days); left > 0; ) {
                d = d.plusDays(step);
                if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                    left--;
                }
            }
            return d;
        }
    }

    /** {@code generate}: writes a data set into a folder. */
    @Command(name = "generate", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Writes ledger.csv, statement.csv, open_items.csv and truth.csv of a seeded data set.")
    static final class GenerateCommand implements Callable<Integer> {

        @Mixin
        DataSetOptions dataSet = new DataSetOptions();

        @Option(names = "--rules", description = "A rules file the cases are shaped for (default: the default rules).")
        Path rules;

        @Option(names = "--out", required = true, description = "The folder to write into.")
        Path out;

        @Override
        public Integer call() throws Exception {
            ReconciliationRules effective = rules == null ? ReconciliationRules.defaults() : RulesFile.read(rules);
            GeneratedSet set = generate(dataSet.settings(effective));
            set.write(out);
            System.out.printf(Locale.ROOT, "%d ledger entries, %d statement entries, %d open items, %d truth rows in %s%n",
                    set.ledger().size(), set.statements().size(), set.openItems().size(), set.truth().size(), out);
            return 0;
        }
    }

    /** Writes a generated data set; {@code --help} lists the options. */
    public static void main(String[] args) {
        System.exit(commandLine(new GenerateCommand()).execute(args));
    }

    /** {@code --version}: the engine's version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {ReconciliationManifest.currentCodeVersion()};
        }
    }

    static CommandLine commandLine(Object command) {
        CommandLine line = new CommandLine(command);
        line.registerConverter(LocalDate.class, LocalDate::parse);
        return line;
    }
}
