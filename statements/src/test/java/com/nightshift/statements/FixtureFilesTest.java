package com.nightshift.statements;

import static org.assertj.core.api.Assertions.assertThat;

import com.nightshift.common.csv.ReadResult;
import com.nightshift.common.csv.RejectedRow;
import com.nightshift.common.transaction.Transaction;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every real bank file of shared/fixtures/statements, read through format detection: none is
 * unreadable, and every entry the file holds (counted here independently of the readers) comes out
 * as exactly one accepted or rejected row.
 */
class FixtureFilesTest {

    static Stream<Path> mt940Files() {
        return Fixtures.files("mt940").stream();
    }

    static Stream<Path> camt053Files() {
        return Fixtures.files("camt053").stream();
    }

    @Test
    void the_fixture_set_holds_40_mt940_and_24_camt053_files() {
        assertThat(Fixtures.files("mt940")).hasSize(40);
        assertThat(Fixtures.files("camt053")).hasSize(24);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mt940Files")
    void every_mt940_file_is_detected_as_mt940_and_gives_one_row_per_61_field(Path file) throws Exception {
        assertThat(detect(file)).isEqualTo(StatementFormat.MT940);

        ReadResult<Transaction> read = Fixtures.read(StatementReaders.detecting(), file);

        assertThat(read.counts().rowsRead()).isEqualTo(entryFieldsIn(file));
        assertThat(read.counts().accepted() + read.counts().rejected()).isEqualTo(read.counts().rowsRead());
        assertThat(read.rejected()).allSatisfy(FixtureFilesTest::hasReasonAndLine);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("camt053Files")
    void every_camt053_file_is_detected_as_camt053_and_gives_one_row_per_entry_or_batch_detail(Path file)
            throws Exception {
        assertThat(detect(file)).isEqualTo(StatementFormat.CAMT053);

        ReadResult<Transaction> read = Fixtures.read(StatementReaders.detecting(), file);

        assertThat(read.counts().rowsRead()).isEqualTo(entryRowsIn(file));
        assertThat(read.counts().accepted() + read.counts().rejected()).isEqualTo(read.counts().rowsRead());
        assertThat(read.rejected()).allSatisfy(FixtureFilesTest::hasReasonAndLine);
    }

    @Test
    void across_all_fixtures_the_only_rejects_are_repeated_ids_and_an_entry_outside_any_statement() throws Exception {
        long accepted = 0;
        long rejectedDuplicates = 0;
        long rejectedOutside = 0;
        for (Path file : Stream.concat(mt940Files(), camt053Files()).toList()) {
            ReadResult<Transaction> read = Fixtures.read(StatementReaders.detecting(), file);
            accepted += read.counts().accepted();
            for (RejectedRow row : read.rejected()) {
                if (row.reason().startsWith("duplicate entry_id")) {
                    rejectedDuplicates++;
                } else if (row.reason().contains("outside any statement")) {
                    rejectedOutside++;
                } else {
                    throw new AssertionError(file.getFileName() + ": unexpected reject " + row);
                }
            }
        }
        assertThat(accepted).isEqualTo(670);
        // Ids repeated within one account: PostFinance's shared NtryRef (2), and one bank reference each in
        // cmxl and Danske. (betterplace's 6 are the two legs of transfers between two accounts: accepted.)
        assertThat(rejectedDuplicates).isEqualTo(4);
        // The fragment after the final '-' of the BIL file.
        assertThat(rejectedOutside).isEqualTo(1);
    }

    private static void hasReasonAndLine(RejectedRow row) {
        assertThat(row.reason()).isNotBlank();
        assertThat(row.lineNumber()).isPositive();
        assertThat(row.rawRowText()).isNotBlank();
    }

    private static StatementFormat detect(Path file) throws Exception {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return StatementFormat.detect(in);
        }
    }

    /** Lines that start a :61: field, control characters (SOH, SUB) ignored. */
    private static long entryFieldsIn(Path file) throws Exception {
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        return text.lines().map(line -> line.replaceAll("\\p{Cntrl}", "")).filter(line -> line.startsWith(":61:")).count();
    }

    /** One row per Ntry, or per TxDtls for an entry with two or more of them (a batch). */
    private static long entryRowsIn(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(file.toFile());
        NodeList entries = document.getElementsByTagNameNS("*", "Ntry");
        long rows = 0;
        for (int i = 0; i < entries.getLength(); i++) {
            List<Element> details = children((Element) entries.item(i), "NtryDtls").stream()
                    .flatMap(d -> children(d, "TxDtls").stream()).toList();
            rows += details.size() >= 2 ? details.size() : 1;
        }
        return rows;
    }

    private static List<Element> children(Element parent, String localName) {
        NodeList nodes = parent.getChildNodes();
        return java.util.stream.IntStream.range(0, nodes.getLength()).mapToObj(nodes::item)
                .filter(n -> n instanceof Element e && localName.equals(e.getLocalName()))
                .map(Element.class::cast).toList();
    }
}
