package com.nightshift.statements;

import com.nightshift.common.csv.AcceptedRow;
import com.nightshift.common.csv.InvalidFieldException;
import com.nightshift.common.csv.ReadCounts;
import com.nightshift.common.csv.RejectedRow;
import com.nightshift.common.csv.UnreadableFileException;
import com.nightshift.common.io.InputLimits;
import com.nightshift.common.transaction.AccountId;
import com.nightshift.common.transaction.Transaction;
import com.nightshift.common.transaction.TransactionReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads SWIFT MT940 customer statements into transactions, line by line: one statement's header and
 * one entry ({@code :61:} with its {@code :86:}) are held at a time.
 *
 * <p>Hand-written rather than built on Prowide's {@code pw-swift-core}: its {@code Field61} parser,
 * tried on the bank files this reader is tested with, misreads several dialects banks really send
 * (an entry date written as four spaces, {@code :61:} lines without a transaction type code such as
 * {@code D20,00NONREF} or {@code CN30,00//REF}, a dot as decimal separator), and its message parser
 * expects the FIN envelope, which most bank exports do not have, and ends block 4 at any line
 * starting with {@code -}. Splitting a file into statements and fields is plain line work, and the
 * {@code :61:} grammar is a dozen lines; both are below, with the tolerances they need.
 *
 * <p>What a caller may rely on, beyond {@link com.nightshift.common.csv.RecordReader}:
 * <ul>
 *   <li>Structure: a statement starts at {@code :20:} and ends at a line holding only {@code -}
 *       (also <code>-&#125;</code>, <code>-&#125;&#123;5:...&#125;</code>, {@code -XXX}, <code> -</code>), at the
 *       next {@code :20:} or at a FIN envelope line; the envelope
 *       (<code>&#123;1:...&#125;&#123;2:...&#125;&#123;3:...&#125;&#123;4:</code>) is optional, and lines
 *       outside statements (bank header lines such as {@code 940}, {@code :940:}, a preamble) are
 *       skipped. A line of just {@code -} right before the closing balance is a wrapped text line, not
 *       an end. A field is a line starting with a known tag ({@code :20:}, {@code :21:}, {@code :25:},
 *       {@code :28:}/{@code :28C:}, {@code :60F:}/{@code :60M:}, {@code :61:}, {@code :86:},
 *       {@code :62F:}/{@code :62M:}, {@code :64:}, {@code :65:}, {@code :NS:} and a few others) and
 *       every following line that does not; so a wrapped line such as {@code :26:37 ...} stays text.</li>
 *   <li>Entry: each {@code :61:} is one transaction (or one rejected row); every {@code :86:} that
 *       directly follows it (several are joined) is its information; an {@code :86:} after a balance
 *       belongs to the statement and is not an entry. A {@code :61:} outside any statement is rejected.</li>
 *   <li>Account: {@code :25:} mapped as {@link StatementText#account} says ({@code 12345678/0123456789}
 *       becomes {@code 12345678-0123456789}). Currency: the opening balance's ({@code :60F:}/{@code :60M:}).</li>
 *   <li>{@code :61:}: value date YYMMDD (years 80-99 are 1980-1999, others 2000-2079); entry date MMDD,
 *       optional or four spaces, in the year that puts it nearest the value date, and it is the booking
 *       date (else the value date). A day past the month's end that a 30/360 bank calendar writes
 *       (30 February) becomes the month's last day. Mark {@code C}/{@code RD} positive, {@code D}/{@code RC}
 *       negative, an optional funds-code letter after it; amount with a decimal comma (or dot), digits
 *       after it optional ({@code 9,}), zero-padding allowed, a zero amount accepted as written; type
 *       code optional.</li>
 *   <li>Entry id: the bank's reference after {@code //}, else {@code <:20: reference>-<n>} with n the
 *       entry's 1-based position among the {@code :61:} fields of the file (statement references
 *       repeat across statements). A repeated id is rejected.</li>
 *   <li>Reference: the customer reference unless {@code NONREF}, else an end-to-end reference from
 *       {@code :86:} ({@code EREF+} or {@code /EREF/}, not {@code NOTPROVIDED}), else the bank's
 *       reference. A customer reference padded to 16 characters and followed by more text (old
 *       Rabobank files) ends at the padding; the text after it is a counterparty name.</li>
 *   <li>{@code :86:}: structured German sub-fields ({@code ?20}..{@code ?29}) give the description,
 *       {@code ?32}+{@code ?33} the counterparty; otherwise the text's lines joined with spaces are the
 *       description, and {@code /NAME/} or the name part of {@code /CNTP/} the counterparty. At most
 *       {@value StatementText#MAX_DESCRIPTION} characters.</li>
 *   <li>Text is UTF-8, line by line, with ISO-8859-1 for lines that are not UTF-8 ({@link TextLines}).</li>
 *   <li>Unreadable: no {@code :20:} anywhere (not MT940), or the last statement stops at the end of the
 *       file before its closing balance (a truncated file).</li>
 * </ul>
 * Stateless and thread-safe; each read keeps its own state.
 */
public final class Mt940Reader implements TransactionReader {

    private static final Pattern TAG = Pattern.compile(":([0-9]{2}[A-Z]?|NS):(.*)");
    private static final Set<String> KNOWN_TAGS = Set.of("13", "13D", "20", "21", "25", "25P", "28", "28C", "34F",
            "60F", "60M", "61", "62F", "62M", "64", "65", "86", "90C", "90D", "NS");
    private static final Pattern TERMINATOR = Pattern.compile("-([A-Z]{3})?|-}.*");
    // Possessive: a repeated alternation of single characters recursed once per character and overflowed the
    // stack on a long line starting with a brace; runs taken whole keep the repetition short.
    private static final Pattern ENVELOPE_BLOCK = Pattern.compile("\\{[0-9A-Z]{1,3}:(?:[^{}]++|\\{[^{}]*+})*+}");
    private static final Pattern BALANCE = Pattern.compile("[CD]\\d{6}([A-Z]{3})\\d.*");

    private final InputLimits limits;

    /** A reader within {@link InputLimits#DEFAULTS}. */
    public Mt940Reader() {
        this(InputLimits.DEFAULTS);
    }

    /**
     * A reader within {@code limits}: a line over the line limit (in bytes), a file over the file limit, or
     * one entry's text (its {@code :61:} and {@code :86:} lines, or any one field) over the entry limit (in
     * characters) makes the file unreadable.
     */
    public Mt940Reader(InputLimits limits) {
        this.limits = java.util.Objects.requireNonNull(limits, "limits");
    }

    @Override
    public ReadCounts read(InputStream in, Consumer<? super AcceptedRow<Transaction>> accepted,
                           Consumer<? super RejectedRow> rejected) throws IOException, UnreadableFileException {
        Parse parse = new Parse(EntrySink.perAccount(accepted, rejected), limits.maxEntryBytes());
        try {
            parse.run(new TextLines(in, limits));
        } catch (com.nightshift.common.io.OversizedInputException e) {
            throw new UnreadableFileException(e.getMessage(), e);
        }
        return parse.sink.counts();
    }

    /** A tag and its lines: the text after the tag, then each continuation line. */
    private record Field(String tag, long line, List<String> lines) {

        /** Characters held, a line break counted as one. */
        int length() {
            int length = 0;
            for (String text : lines) {
                length += text.length() + 1;
            }
            return length;
        }

        String value() {
            return String.join("", lines).strip();
        }

        String raw() {
            return ":" + tag + ":" + String.join("\n", lines);
        }
    }

    private static final class Statement {
        final String reference;
        final long line;
        String account;
        Currency currency;
        String currencyProblem = "the statement has no opening balance (:60F:/:60M:) to take the currency from";
        boolean closed;

        Statement(String reference, long line) {
            this.reference = reference.isEmpty() ? "statement" : reference;
            this.line = line;
        }

        void opening(Field balance) {
            Matcher m = BALANCE.matcher(balance.value());
            if (!m.matches()) {
                currencyProblem = "opening balance :" + balance.tag() + ": '" + balance.value()
                        + "' (line " + balance.line() + ") has no currency";
                return;
            }
            try {
                currency = Currency.getInstance(m.group(1));
            } catch (IllegalArgumentException e) {
                currencyProblem = "opening balance :" + balance.tag() + ": currency '" + m.group(1)
                        + "' is not an ISO 4217 code";
            }
        }
    }

    /** A :61: waiting for its :86: fields; statement is null for one outside any statement. */
    private static final class Pending {
        final Field entry;
        final Statement statement;
        final int ordinal;
        final List<Field> information = new ArrayList<>();
        int chars;

        Pending(Field entry, Statement statement, int ordinal) {
            this.entry = entry;
            this.chars = entry.length();
            this.statement = statement;
            this.ordinal = ordinal;
        }

        String raw() {
            StringBuilder raw = new StringBuilder(entry.raw());
            information.forEach(field -> raw.append('\n').append(field.raw()));
            return raw.toString();
        }
    }

    /** The state of one read. */
    private static final class Parse {
        final EntrySink sink;
        final int maxEntryChars;
        int currentChars;
        Statement statement;
        Pending pending;
        int entries;
        int statements;
        long lastEnd;

        Parse(EntrySink sink, int maxEntryChars) {
            this.sink = sink;
            this.maxEntryChars = maxEntryChars;
        }

        /** An entry (or any field) is held whole until it ends, so its size is bounded. */
        private void checkSize(Field field, int chars) throws UnreadableFileException {
            if (chars > maxEntryChars) {
                throw new UnreadableFileException("MT940 field :" + field.tag() + ": starting on line " + field.line()
                        + (pending != null && "86".equals(field.tag()) ? ", with the entry it belongs to," : "")
                        + " is longer than the entry limit of " + maxEntryChars + " characters");
            }
        }

        void run(TextLines lines) throws IOException, UnreadableFileException {
            Field current = null;
            for (TextLines.Line line = lines.next(); line != null; line = lines.next()) {
                String text = line.text();
                if (text.startsWith("{")) {
                    String rest = ENVELOPE_BLOCK.matcher(text).replaceAll("");
                    rest = rest.startsWith("{4:") ? rest.substring(3) : rest;
                    // Unchanged, it was text that starts with a brace. Else an envelope begins a new message,
                    // so whatever came before it has ended.
                    if (!rest.equals(text)) {
                        finish(current);
                        current = null;
                        endStatement(line.number());
                        if (rest.isBlank()) {
                            continue;
                        }
                        text = rest;
                    }
                }
                if (TERMINATOR.matcher(text.strip()).matches() && !wrappedDash(current, lines.peek())) {
                    finish(current);
                    current = null;
                    endStatement(line.number());
                    continue;
                }
                Matcher tag = TAG.matcher(text);
                if (tag.matches() && KNOWN_TAGS.contains(tag.group(1))) {
                    finish(current);
                    current = new Field(tag.group(1), line.number(), new ArrayList<>(List.of(tag.group(2))));
                    currentChars = tag.group(2).length() + 1 + ("86".equals(tag.group(1)) ? pendingChars() : 0);
                } else if (current != null) {
                    current.lines().add(text);
                    currentChars += text.length() + 1;
                    checkSize(current, currentChars);
                }
                // Else: a line outside any field (bank header, preamble, blank line between statements).
            }
            finish(current);
            flushEntry();
            if (statement != null && !statement.closed) {
                throw new UnreadableFileException("MT940 statement '" + statement.reference + "' starting on line "
                        + statement.line + " stops at the end of the file before its closing balance (:62F:/:62M:): "
                        + "the file looks truncated");
            }
            if (statements == 0 && entries == 0) {
                throw new UnreadableFileException("no MT940 statement found: no line starts with the :20: field");
            }
        }

        /** The characters of the entry waiting for more :86: text; 0 when there is none. */
        private int pendingChars() {
            if (pending == null) {
                return 0;
            }
            return pending.chars;
        }

        /** A lone '-' inside the text of an entry, with the statement's closing balance still to come. */
        private boolean wrappedDash(Field current, TextLines.Line next) {
            return current != null && statement != null && !statement.closed
                    && ("86".equals(current.tag()) || "61".equals(current.tag()))
                    && next != null && next.text().startsWith(":62");
        }

        private void endStatement(long line) {
            flushEntry();
            statement = null;
            lastEnd = line;
        }

        private void finish(Field field) {
            if (field == null) {
                return;
            }
            String tag = field.tag();
            if ("20".equals(tag)) {
                endStatement(field.line());
                statement = new Statement(field.value(), field.line());
                statements++;
                return;
            }
            switch (tag) {
                case "61" -> {
                    flushEntry();
                    pending = new Pending(field, statement, ++entries);
                }
                case "86" -> {
                    if (pending != null) {
                        pending.information.add(field);
                        pending.chars += field.length();
                    }
                    // Else: information about the statement itself, not about an entry.
                }
                case "NS" -> {
                    // Non-SWIFT bank data between an entry and its information; neither ends the entry.
                }
                default -> {
                    flushEntry();
                    if (statement != null) {
                        switch (tag) {
                            case "25" -> statement.account = field.value();
                            case "60F", "60M" -> statement.opening(field);
                            case "62F", "62M" -> statement.closed = true;
                            default -> {
                                // :21:, :28C:, :64:, :65: and the like say nothing about single entries.
                            }
                        }
                    }
                }
            }
        }

        private void flushEntry() {
            if (pending == null) {
                return;
            }
            Pending entry = pending;
            pending = null;
            try {
                sink.accept(entry.entry.line(), transaction(entry), entry.raw());
            } catch (InvalidFieldException e) {
                sink.reject(entry.entry.line(), e.getMessage(), entry.raw());
            }
        }

        private Transaction transaction(Pending entry) throws InvalidFieldException {
            Statement of = entry.statement;
            if (of == null) {
                throw new InvalidFieldException(":61: entry outside any statement: no :20: since the end of the last "
                        + "statement" + (lastEnd > 0 ? " on line " + lastEnd : ""));
            }
            AccountId account = StatementText.account(":25:", of.account);
            if (of.currency == null) {
                throw new InvalidFieldException(of.currencyProblem);
            }
            Mt940StatementLine line = Mt940StatementLine.parse(entry.entry.lines().get(0));
            Mt940Information information = Mt940Information.of(
                    entry.information.stream().map(Field::lines).toList());
            String bankReference = meaningful(line.bankReference());
            String id = bankReference.isEmpty() ? of.reference + "-" + entry.ordinal : bankReference;
            String reference = StatementText.firstPresent(meaningful(line.customerReference()),
                    information.endToEndReference(), bankReference);
            String counterparty = StatementText.firstPresent(information.counterparty(), line.trailingText());
            return Transaction.of(id, account, line.bookingDate(), line.valueDate(), line.amount(), of.currency,
                    StatementText.oneLine(counterparty), StatementText.oneLine(reference), information.description());
        }

        private static String meaningful(String reference) {
            return "NONREF".equalsIgnoreCase(reference) ? "" : reference;
        }
    }
}
