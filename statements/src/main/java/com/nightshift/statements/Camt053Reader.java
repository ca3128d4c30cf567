package com.nightshift.statements;

import com.nightshift.common.csv.AcceptedRow;
import com.nightshift.common.csv.InvalidFieldException;
import com.nightshift.common.csv.ReadCounts;
import com.nightshift.common.csv.RejectedRow;
import com.nightshift.common.csv.UnreadableFileException;
import com.nightshift.common.io.InputLimits;
import com.nightshift.common.io.OversizedInputException;
import com.nightshift.common.transaction.AccountId;
import com.nightshift.common.transaction.Transaction;
import com.nightshift.common.transaction.TransactionReader;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;

/**
 * Reads ISO 20022 camt.053 bank-to-customer statements (any version {@code camt.053.001.NN}) into
 * transactions, streaming with the JDK's StAX parser: one {@code Ntry} is held in memory at a time.
 *
 * <p>What a caller may rely on, beyond {@link com.nightshift.common.csv.RecordReader}:
 * <ul>
 *   <li>The root must be {@code Document} in a namespace containing {@code camt.053.001.NN} (the ISO
 *       {@code urn:iso:std:iso:20022:tech:xsd:camt.053.001.NN}, or a national variant such as the
 *       Austrian {@code ISO:camt.053.001.02:APC:STUZZA:payments:003}) holding {@code BkToCstmrStmt};
 *       anything else, XML that is not well-formed (a truncated file, too), or a DOCTYPE is an
 *       {@link UnreadableFileException}. DTDs and external entities are never processed.</li>
 *   <li>Every {@code Stmt} is read, for any number of accounts. Account: {@code Acct/Id/IBAN}, else
 *       {@code Acct/Id/Othr/Id}, mapped to an {@link AccountId} as {@link StatementText#account} says.</li>
 *   <li>One transaction per entry; an entry whose {@code NtryDtls} hold two or more {@code TxDtls} (a
 *       batch) gives one transaction per detail instead, each with the detail's own amount (its
 *       {@code Amt}, else {@code AmtDtls/TxAmt/Amt}, in the entry's currency) and sign (its
 *       {@code CdtDbtInd}, else the entry's).</li>
 *   <li>Amount: {@code Amt} and its {@code Ccy}; positive for {@code CRDT}, negative for {@code DBIT}.
 *       {@code RvslInd} does not change the sign: by ISO 20022 the indicator of a reversal entry is
 *       already the direction in which it is booked (a returned payment booked back is {@code CRDT}).
 *       More than four fraction digits are accepted only when the extra ones are zeros. A zero amount
 *       is accepted as written: the bank booked it, and a reject would claim the bank's line is bad.</li>
 *   <li>Dates: {@code BookgDt} and {@code ValDt}, each {@code Dt} or {@code DtTm} (the date as written,
 *       not shifted to UTC). No value date: the booking date. No booking date: the value date, else the
 *       statement's date (its closing booked balance's date, else {@code FrToDt/ToDtTm}, else
 *       {@code CreDtTm}).</li>
 *   <li>Entry id: {@code NtryRef}, else {@code AcctSvcrRef}, else {@code <Stmt/Id>-<n>} with n the
 *       entry's 1-based position in its statement; a detail of a batch is {@code <entry id>/<n>}, n its
 *       1-based position in the entry. A repeated id is rejected.</li>
 *   <li>Reference: the detail's {@code EndToEndId} unless blank or {@code NOTPROVIDED}, else
 *       {@code AcctSvcrRef} (the detail's, else the entry's), else the structured creditor reference
 *       ({@code RmtInf/Strd/CdtrRefInf/Ref}), else empty. Counterparty: the debtor's name for a credit,
 *       the creditor's for a debit ({@code Nm}, or {@code Pty/Nm} from version 8 on), else empty.
 *       Description: {@code Ustrd} lines joined, else {@code Strd/AddtlRmtInf}, else
 *       {@code AddtlTxInf}, else {@code AddtlNtryInf}; on one line, at most
 *       {@value StatementText#MAX_DESCRIPTION} characters.</li>
 *   <li>An entry whose status is given and is not {@code BOOK} (pending or information only) is
 *       rejected: it is not a booked transaction.</li>
 *   <li>A rejected entry keeps the line of its {@code Ntry} start tag (of its {@code TxDtls} for a batch
 *       detail) and, as raw text, its XML without indentation.</li>
 * </ul>
 * <p>Within {@link InputLimits}, so that no document costs more than bounded memory: a file over the file
 * limit, text or markup of more than the line limit between two tags (the parser would hold it whole), an
 * element of a statement (an {@code Ntry} with its details) over the entry limit, or elements nested deeper
 * than {@value #MAX_DEPTH} levels (camt.053 needs about 12) make the file unreadable.
 *
 * <p>Stateless and thread-safe; each read has its own parser.
 */
public final class Camt053Reader implements TransactionReader {

    /** The deepest nesting of elements read; camt.053 itself goes about 12 levels deep. */
    static final int MAX_DEPTH = 64;
    /** What the parser may read ahead of the event it hands over: its own buffer, with room to spare. */
    private static final int PARSER_READ_AHEAD = 1 << 14;

    private static final Pattern NAMESPACE = Pattern.compile(".*camt\\.053\\.001\\.\\d{2}.*");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");
    private static final String NOT_PROVIDED = "NOTPROVIDED";

    private final InputLimits limits;

    /** A reader within {@link InputLimits#DEFAULTS}. */
    public Camt053Reader() {
        this(InputLimits.DEFAULTS);
    }

    /** A reader within {@code limits}. */
    public Camt053Reader(InputLimits limits) {
        this.limits = java.util.Objects.requireNonNull(limits, "limits");
    }

    @Override
    public ReadCounts read(InputStream in, Consumer<? super AcceptedRow<Transaction>> accepted,
                           Consumer<? super RejectedRow> rejected) throws IOException, UnreadableFileException {
        EntrySink sink = EntrySink.perAccount(accepted, rejected);
        XMLStreamReader xml = null;
        InputLimits.CountedInput counted = limits.counted(new java.io.FilterInputStream(in) {
            // The JDK's parser closes the stream it reads when it is closed itself; the caller owns ours.
            @Override
            public void close() {
            }
        });
        counted.limitSinceMark(limits.maxLineChars() + (long) PARSER_READ_AHEAD, "XML text or markup without a tag");
        BoundedEvents events = null;
        try {
            XMLStreamReader parser;
            try {
                parser = newFactory().createXMLStreamReader(counted);
            } catch (RuntimeException e) {
                throw new XMLStreamException("the XML parser failed on malformed input (" + e + ")", e);
            }
            events = new BoundedEvents(parser, counted, limits.maxEntryBytes());
            xml = events;
            readDocument(xml, sink);
        } catch (XMLStreamException e) {
            OversizedInputException refusal = counted.refusal() != null ? counted.refusal()
                    : events == null ? null : events.refusal;
            if (refusal != null) {
                throw new UnreadableFileException("camt.053 XML" + where(e.getLocation()) + ": " + refusal.getMessage(),
                        refusal);
            }
            throw new UnreadableFileException("camt.053 XML is not well-formed" + where(e.getLocation()) + ": "
                    + e.getMessage().lines().reduce((first, second) -> second).orElse("parse error")
                    .replaceFirst("^Message: ", ""), e);
        } finally {
            if (xml != null) {
                try {
                    xml.close();
                } catch (XMLStreamException e) {
                    // The caller's stream is not closed by this; nothing is lost here.
                }
            }
        }
        return sink.counts();
    }

    private static XMLInputFactory newFactory() {
        // The JDK's own implementation, whatever else is on the class path; no DTDs, no external entities.
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    private static String where(Location location) {
        return location == null ? ""
                : " at line " + location.getLineNumber() + ", column " + location.getColumnNumber();
    }

    private void readDocument(XMLStreamReader xml, EntrySink sink) throws XMLStreamException, UnreadableFileException {
        toNextElement(xml);
        String namespace = xml.getNamespaceURI();
        if (!"Document".equals(xml.getLocalName()) || namespace == null || !NAMESPACE.matcher(namespace).matches()) {
            throw new UnreadableFileException("XML root is {" + (namespace == null ? "" : namespace) + "}"
                    + xml.getLocalName() + ", not a camt.053 Document (namespace urn:iso:std:iso:20022:tech:xsd:"
                    + "camt.053.001.NN)");
        }
        if (!toNextChildElement(xml) || !"BkToCstmrStmt".equals(xml.getLocalName())) {
            throw new UnreadableFileException("camt.053 Document" + where(xml.getLocation())
                    + " does not hold a BkToCstmrStmt (bank-to-customer statement)");
        }
        int statementOrdinal = 0;
        while (toNextChildElement(xml)) {
            if ("Stmt".equals(xml.getLocalName())) {
                readStatement(xml, ++statementOrdinal, sink);
            } else {
                skipElement(xml);
            }
        }
        // The rest (end of BkToCstmrStmt and Document) is still parsed, so a truncated tail is noticed.
        while (xml.hasNext()) {
            xml.next();
        }
    }

    private void readStatement(XMLStreamReader xml, int ordinal, EntrySink sink) throws XMLStreamException {
        StatementHeader header = new StatementHeader(ordinal);
        int position = 0;
        while (toNextChildElement(xml)) {
            ((BoundedEvents) xml).startEntry();
            XmlElement element = XmlElement.read(xml);
            ((BoundedEvents) xml).endEntry();
            if ("Ntry".equals(element.name())) {
                readEntry(element, header, ++position, sink);
            } else {
                header.add(element);
            }
        }
    }

    /** Moves to the root's START_ELEMENT; a DOCTYPE on the way is refused. */
    private static void toNextElement(XMLStreamReader xml) throws XMLStreamException, UnreadableFileException {
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.DTD) {
                throw new UnreadableFileException("camt.053 XML must not have a DOCTYPE" + where(xml.getLocation())
                        + "; DTDs and entities are not read");
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                return;
            }
        }
        throw new UnreadableFileException("XML content has no root element");
    }

    /** Moves to the next child START_ELEMENT of the current element; false at the current element's end. */
    private static boolean toNextChildElement(XMLStreamReader xml) throws XMLStreamException {
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                return false;
            }
        }
        return false;
    }

    private static void skipElement(XMLStreamReader xml) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    private void readEntry(XmlElement entry, StatementHeader header, int position, EntrySink sink) {
        String raw = entry.toXml(EntrySink.MAX_RAW_TEXT);
        String entryId = StatementText.firstPresent(entry.text("NtryRef"), entry.text("AcctSvcrRef"),
                header.id() + "-" + position);
        List<XmlElement> details = entry.all("NtryDtls", "TxDtls");
        Entry mapped;
        try {
            mapped = entry(entry, header);
        } catch (InvalidFieldException e) {
            if (details.size() < 2) {
                sink.reject(entry.line(), e.getMessage(), raw);
            } else {
                // A batch is one row per detail: each is rejected for the entry's defect, so none is lost.
                for (int i = 0; i < details.size(); i++) {
                    sink.reject(details.get(i).line(), "batch entry " + entryId + ": " + e.getMessage(),
                            details.get(i).toXml(EntrySink.MAX_RAW_TEXT));
                }
            }
            return;
        }
        if (details.size() < 2) {
            Optional<XmlElement> detail = details.stream().findFirst();
            sink.accept(entry.line(), transaction(entryId, mapped, mapped.amount, mapped.credit, detail), raw);
            return;
        }
        for (int i = 0; i < details.size(); i++) {
            XmlElement detail = details.get(i);
            String detailId = entryId + "/" + (i + 1);
            String detailRaw = detail.toXml(EntrySink.MAX_RAW_TEXT);
            try {
                BigDecimal amount = detailAmount(detail, mapped.currency);
                boolean credit = detail.text("CdtDbtInd") == null ? mapped.credit
                        : credit(detail.text("CdtDbtInd"), "TxDtls/CdtDbtInd");
                sink.accept(detail.line(), transaction(detailId, mapped, amount, credit, Optional.of(detail)),
                        detailRaw);
            } catch (InvalidFieldException e) {
                sink.reject(detail.line(), "batch detail " + detailId + ": " + e.getMessage(), detailRaw);
            }
        }
    }

    /** The entry-level facts every transaction of an entry shares. */
    private record Entry(XmlElement element, AccountId account, Currency currency, BigDecimal amount, boolean credit,
                         LocalDate bookingDate, LocalDate valueDate) {
    }

    private Entry entry(XmlElement entry, StatementHeader header) throws InvalidFieldException {
        // Sts is a code up to version 7 and Sts/Cd (or Sts/Prtry) from version 8 on.
        String status = StatementText.firstPresent(entry.text("Sts", "Cd"), entry.text("Sts"),
                entry.text("Sts", "Prtry"));
        if (!status.isEmpty() && !"BOOK".equals(status)) {
            throw new InvalidFieldException("Sts '" + status + "' is not BOOK: only booked entries are transactions");
        }
        AccountId account = header.account();
        XmlElement amountElement = entry.child("Amt")
                .orElseThrow(() -> new InvalidFieldException("Amt is missing"));
        BigDecimal amount = amount(amountElement, "Amt");
        Currency currency = currency(amountElement, "Amt", header.currency());
        boolean credit = credit(entry.text("CdtDbtInd"), "CdtDbtInd");
        Optional<LocalDate> booking = date(entry, "BookgDt");
        Optional<LocalDate> value = date(entry, "ValDt");
        LocalDate bookingDate = booking.or(() -> value).or(header::date).orElseThrow(() -> new InvalidFieldException(
                "BookgDt is missing, and there is no ValDt nor a statement date to use instead"));
        return new Entry(entry, account, currency, amount, credit, bookingDate, value.orElse(bookingDate));
    }

    private static Transaction transaction(String id, Entry entry, BigDecimal amount, boolean credit,
                                           Optional<XmlElement> detail) {
        XmlElement ntry = entry.element();
        String endToEnd = detail.map(d -> d.text("Refs", "EndToEndId")).orElse(null);
        if (endToEnd != null && NOT_PROVIDED.equalsIgnoreCase(endToEnd)) {
            endToEnd = null;
        }
        String reference = StatementText.firstPresent(endToEnd,
                detail.map(d -> d.text("Refs", "AcctSvcrRef")).orElse(null),
                ntry.text("AcctSvcrRef"),
                detail.map(Camt053Reader::creditorReference).orElse(null));
        String counterparty = detail.map(d -> partyName(d, credit ? "Dbtr" : "Cdtr")).orElse("");
        List<String> remittance = new ArrayList<>();
        detail.ifPresent(d -> d.all("RmtInf", "Ustrd").forEach(u -> remittance.add(u.text())));
        if (remittance.stream().allMatch(String::isBlank)) {
            remittance.clear();
            detail.ifPresent(d -> d.all("RmtInf", "Strd", "AddtlRmtInf").forEach(u -> remittance.add(u.text())));
        }
        if (remittance.stream().allMatch(String::isBlank)) {
            remittance.clear();
            remittance.add(StatementText.firstPresent(detail.map(d -> d.text("AddtlTxInf")).orElse(null),
                    ntry.text("AddtlNtryInf")));
        }
        return Transaction.of(id, entry.account(), entry.bookingDate(), entry.valueDate(),
                credit ? amount : amount.negate(), entry.currency(), StatementText.oneLine(counterparty),
                StatementText.oneLine(reference), StatementText.description(remittance));
    }

    private static String creditorReference(XmlElement detail) {
        for (XmlElement structured : detail.all("RmtInf", "Strd")) {
            String ref = structured.text("CdtrRefInf", "Ref");
            if (ref != null) {
                return ref;
            }
        }
        return null;
    }

    /** {@code RltdPties/<role>/Nm} (versions 2 to 7) or {@code RltdPties/<role>/Pty/Nm} (8 on). */
    private static String partyName(XmlElement detail, String role) {
        return StatementText.firstPresent(detail.text("RltdPties", role, "Nm"),
                detail.text("RltdPties", role, "Pty", "Nm"));
    }

    private static BigDecimal detailAmount(XmlElement detail, Currency currency) throws InvalidFieldException {
        List<XmlElement> candidates = new ArrayList<>();
        detail.child("Amt").ifPresent(candidates::add);
        detail.child("AmtDtls", "TxAmt", "Amt").ifPresent(candidates::add);
        if (candidates.isEmpty()) {
            throw new InvalidFieldException("TxDtls has no amount (Amt or AmtDtls/TxAmt/Amt)");
        }
        for (XmlElement candidate : candidates) {
            if (currency.getCurrencyCode().equals(candidate.attribute("Ccy").orElse(null))) {
                return amount(candidate, "TxDtls/Amt");
            }
        }
        throw new InvalidFieldException("TxDtls has no amount in the entry's currency " + currency.getCurrencyCode()
                + " (found " + candidates.get(0).attribute("Ccy").orElse("none") + ")");
    }

    private static BigDecimal amount(XmlElement element, String field) throws InvalidFieldException {
        String text = element.text();
        if (!DECIMAL.matcher(text).matches()) {
            throw new InvalidFieldException(field + " '" + text + "' is not a decimal amount");
        }
        BigDecimal amount = new BigDecimal(text);
        if (amount.scale() > Transaction.MAX_FRACTION_DIGITS) {
            try {
                amount = amount.setScale(Transaction.MAX_FRACTION_DIGITS, RoundingMode.UNNECESSARY);
            } catch (ArithmeticException e) {
                throw new InvalidFieldException(field + " '" + text + "' has " + amount.scale()
                        + " fraction digits, at most " + Transaction.MAX_FRACTION_DIGITS + " allowed");
            }
        }
        return amount;
    }

    private static Currency currency(XmlElement amount, String field, Optional<String> fallback)
            throws InvalidFieldException {
        String code = amount.attribute("Ccy").map(String::strip).orElse(fallback.orElse(null));
        if (code == null) {
            throw new InvalidFieldException(field + " has no Ccy, and the account names no currency");
        }
        try {
            if (code.length() == 3) {
                return Currency.getInstance(code);
            }
        } catch (IllegalArgumentException e) {
            // Falls through to the reason below.
        }
        throw new InvalidFieldException(field + " Ccy '" + code + "' is not an ISO 4217 currency code");
    }

    private static boolean credit(String indicator, String field) throws InvalidFieldException {
        if ("CRDT".equals(indicator)) {
            return true;
        }
        if ("DBIT".equals(indicator)) {
            return false;
        }
        throw new InvalidFieldException(indicator == null ? field + " is missing"
                : field + " '" + indicator + "' is not CRDT or DBIT");
    }

    /** The date of a {@code BookgDt}-like element: its {@code Dt} or {@code DtTm}; empty if it is absent. */
    private static Optional<LocalDate> date(XmlElement parent, String field) throws InvalidFieldException {
        Optional<XmlElement> element = parent.child(field);
        if (element.isEmpty()) {
            return Optional.empty();
        }
        String day = element.get().text("Dt");
        if (day != null) {
            return Optional.of(parseDate(field + "/Dt", day, DateTimeFormatter.ISO_DATE));
        }
        String dateTime = element.get().text("DtTm");
        if (dateTime != null) {
            return Optional.of(parseDate(field + "/DtTm", dateTime, DateTimeFormatter.ISO_DATE_TIME));
        }
        throw new InvalidFieldException(field + " has neither Dt nor DtTm");
    }

    /** The calendar date as written in the text (an offset, if any, is not applied). */
    static LocalDate parseDate(String field, String text, DateTimeFormatter format) throws InvalidFieldException {
        try {
            TemporalAccessor parsed = format.parse(text);
            return LocalDate.from(parsed);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field + " '" + text + "' is not an ISO 8601 "
                    + (format == DateTimeFormatter.ISO_DATE ? "date" : "date-time"));
        }
    }

    /**
     * The parser's events within the limits: each event moves the input's mark (so the text or markup of one
     * event is bounded by the stream), an element of a statement is bounded from its start tag, and so is
     * the nesting depth. A refusal is thrown as an {@link XMLStreamException} and kept for the message.
     */
    private static final class BoundedEvents extends StreamReaderDelegate {
        private final InputLimits.CountedInput counted;
        private final long maxEntryBytes;
        private long entryStart = -1;
        private int depth;
        OversizedInputException refusal;

        BoundedEvents(XMLStreamReader reader, InputLimits.CountedInput counted, long maxEntryBytes) {
            super(reader);
            this.counted = counted;
            this.maxEntryBytes = maxEntryBytes;
        }

        void startEntry() {
            entryStart = counted.count();
        }

        void endEntry() {
            entryStart = -1;
        }

        @Override
        public int next() throws XMLStreamException {
            int event;
            try {
                event = super.next();
            } catch (RuntimeException e) {
                throw parserFailure(e);
            }
            counted.markHere();
            if (event == XMLStreamConstants.START_ELEMENT && ++depth > MAX_DEPTH) {
                refuse("elements are nested deeper than " + MAX_DEPTH + " levels");
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
            if (entryStart >= 0 && counted.count() - entryStart > maxEntryBytes + PARSER_READ_AHEAD) {
                refuse("statement element " + getLocalNameIfAny() + " starting after byte " + entryStart
                        + " is longer than the entry limit of " + maxEntryBytes + " bytes");
            }
            return event;
        }

        @Override
        public boolean hasNext() throws XMLStreamException {
            try {
                return super.hasNext();
            } catch (RuntimeException e) {
                throw parserFailure(e);
            }
        }

        private String getLocalNameIfAny() {
            return isStartElement() || isEndElement() ? getLocalName() : "";
        }

        /**
         * The JDK's parser throws unchecked exceptions on some malformed input (fuzzing found a DTD whose error
         * message is missing from its resources): the input is still just not well-formed XML.
         */
        private XMLStreamException parserFailure(RuntimeException e) {
            return new XMLStreamException("the XML parser failed on malformed input (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + ")", getLocation(), e);
        }

        private void refuse(String message) throws XMLStreamException {
            refusal = new OversizedInputException(message);
            throw new XMLStreamException(message, getLocation(), refusal);
        }
    }

    /** What a statement says about all its entries, gathered from the elements before them. */
    private static final class StatementHeader {
        private final int ordinal;
        private String id;
        private String accountText;
        private String accountField = "Acct/Id/IBAN";
        private String currency;
        private LocalDate closingBalanceDate;
        private LocalDate toDate;
        private LocalDate createdOn;

        StatementHeader(int ordinal) {
            this.ordinal = ordinal;
        }

        void add(XmlElement element) {
            switch (element.name()) {
                case "Id" -> id = element.text();
                case "Acct" -> {
                    accountText = element.text("Id", "IBAN");
                    if (accountText == null) {
                        accountText = element.text("Id", "Othr", "Id");
                        accountField = "Acct/Id/Othr/Id";
                    }
                    currency = element.text("Ccy");
                }
                case "Bal" -> {
                    boolean closingBooked = element.all("Tp", "CdOrPrtry", "Cd").stream()
                            .anyMatch(cd -> "CLBD".equals(cd.text()))
                            || element.all("Tp", "Cd").stream().anyMatch(cd -> "CLBD".equals(cd.text()));
                    if (closingBooked) {
                        closingBalanceDate = quietDate(element, "Dt");
                    }
                }
                case "FrToDt" -> toDate = quietDateTime(element.text("ToDtTm"));
                case "CreDtTm" -> createdOn = quietDateTime(element.text());
                default -> {
                    // Interest, summaries and the like say nothing about single entries.
                }
            }
        }

        String id() {
            return id == null || id.isEmpty() ? "statement" + ordinal : id;
        }

        AccountId account() throws InvalidFieldException {
            return StatementText.account(accountField, accountText);
        }

        Optional<String> currency() {
            return Optional.ofNullable(currency);
        }

        Optional<LocalDate> date() {
            return Optional.ofNullable(closingBalanceDate).or(() -> Optional.ofNullable(toDate))
                    .or(() -> Optional.ofNullable(createdOn));
        }

        private static LocalDate quietDate(XmlElement parent, String field) {
            try {
                return Camt053Reader.date(parent, field).orElse(null);
            } catch (InvalidFieldException e) {
                // A balance date is only a fallback for entries without dates; a bad one is not used.
                return null;
            }
        }

        private static LocalDate quietDateTime(String text) {
            if (text == null) {
                return null;
            }
            try {
                return parseDate("date", text, DateTimeFormatter.ISO_DATE_TIME);
            } catch (InvalidFieldException e) {
                return null;
            }
        }
    }
}
