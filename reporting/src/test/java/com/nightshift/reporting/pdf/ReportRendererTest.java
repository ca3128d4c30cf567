package com.nightshift.reporting.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class ReportRendererTest {

    private static final Instant GENERATED_AT = Instant.parse("2026-11-21T05:30:00Z");
    private static final java.time.LocalDate BUSINESS_DATE = java.time.LocalDate.of(2026, 11, 20);

    private final ReportRenderer renderer = new ReportRenderer();

    @Test
    void test_render_textContainsTitleKeyFiguresAndEveryTableRow() throws IOException {
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("Portfolio value", "12,345,678.90 USD");
        figures.put("VaR 99% (1 day)", "456,789.01 USD");
        figures.put("Expected shortfall", "512,000.00 USD");
        List<List<String>> rows = List.of(
                List.of("AAPL", "1,000", "189,500.00"),
                List.of("MSFT", "2,500", "1,050,250.00"),
                List.of("NESN", "300", "30,120.55"));
        ReportDocument document = ReportDocument.of("Risk report BOOK-7", List.of("Business date 2026-11-20"), BUSINESS_DATE, "run-1",
                GENERATED_AT, List.of(
                        ReportSection.keyFigures("Summary", figures),
                        ReportSection.Table.of("Holdings",
                                List.of(TableColumn.left("Instrument"), TableColumn.right("Quantity"), TableColumn.right("Value")),
                                rows)));

        String text = text(renderer.render(document));

        assertThat(text).contains("Risk report BOOK-7", "Business date 2026-11-20", "Generated 2026-11-21 05:30:00 UTC");
        figures.forEach((label, value) -> assertThat(text).contains(label + " " + value));
        assertThat(text).contains("Instrument Quantity Value");
        for (List<String> row : rows) {
            assertThat(text).contains(String.join(" ", row));
        }
    }

    @Test
    void test_render_aWideTableBreaksNoIdAcrossLines_whenItsLongestWordsFitThePage() throws IOException {
        List<TableColumn> columns = List.of(TableColumn.left("Account"), TableColumn.left("Side"), TableColumn.left("Entry"),
                TableColumn.left("Reference"), TableColumn.left("Value date"), TableColumn.left("First seen"),
                TableColumn.right("Age (days)"), TableColumn.right("Amount"), TableColumn.left("Ccy"));
        List<List<String>> rows = List.of(
                List.of("ACC-1002", "statement", "S-ACC-1002-27", "INV-1002-00027 settlement of the November invoice",
                        "2026-11-21", "2026-11-20", "0", "4,348,214.14", "EUR"),
                List.of("ACC-1003", "ledger", "L-ACC-1003-113", "INV-1003-00113", "2026-11-20", "2026-11-19", "1",
                        "-4,210.53", "GBP"));
        ReportDocument document = ReportDocument.of("Breaks", List.of(), BUSINESS_DATE, "run-1", GENERATED_AT,
                List.of(ReportSection.Table.of("Breaks", columns, rows)));

        String text = text(renderer.render(document));

        for (String word : List.of("S-ACC-1002-27", "INV-1002-00027", "L-ACC-1003-113", "INV-1003-00113", "4,348,214.14")) {
            assertThat(text).containsPattern("(?m)(^|\\s)" + java.util.regex.Pattern.quote(word) + "(\\s|$)");
        }
    }

    @Test
    void test_render_longTableSpansPagesWithHeaderAndPageNumberOnEveryPage() throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 1; i <= 500; i++) {
            rows.add(List.of("ACC-" + i, "2026-11-20", String.format("%,d.%02d", i * 1013, i % 100), "Matched"));
        }
        ReportDocument document = ReportDocument.of("Reconciliation", List.of(), BUSINESS_DATE, "run-1", GENERATED_AT, List.of(
                ReportSection.Table.of("Entries", List.of(TableColumn.left("Account"), TableColumn.left("Date"),
                        TableColumn.right("Amount"), TableColumn.left("Status")), rows)));

        try (PDDocument pdf = Loader.loadPDF(renderer.render(document))) {
            int pages = pdf.getNumberOfPages();
            assertThat(pages).isGreaterThan(3);
            StringBuilder all = new StringBuilder();
            for (int page = 1; page <= pages; page++) {
                String pageText = pageText(pdf, page);
                assertThat(pageText).as("page %d", page).contains("Page " + page + " of " + pages);
                assertThat(pageText).as("page %d", page).contains("Account Date Amount Status");
                all.append(pageText);
            }
            for (List<String> row : rows) {
                assertThat(all).contains(String.join(" ", row) + "\n");
            }
        }
    }

    @Test
    void test_render_printsLatinGreekAndCyrillicAsWritten() throws IOException {
        ReportDocument document = ReportDocument.of("Łódź – Zürich", List.of("Kraków, Ελλάδα, Москва, Ærøskøbing, ő"),
                BUSINESS_DATE, "run-1", GENERATED_AT, List.of(
                        ReportSection.table("Branches", List.of("City"), List.of(List.of("Łódź"), List.of("Θεσσαλονίκη")))));

        String text = text(renderer.render(document));

        assertThat(text).contains("Łódź – Zürich", "Kraków, Ελλάδα, Москва, Ærøskøbing, ő", "Łódź", "Θεσσαλονίκη");
        assertThat(text).doesNotContain("?", ShowableText.REPLACEMENT_TEXT);
    }

    @Test
    void test_render_charactersTheFontLacksAreReplacedVisiblyNotRejected() throws IOException {
        ReportDocument document = ReportDocument.of("Zürich – 東京", List.of("Seoul 서울"), BUSINESS_DATE, "run-1",
                GENERATED_AT, List.of(
                        ReportSection.table("Branches", List.of("City"), List.of(List.of("Zürich – 東京"))),
                        ReportSection.paragraph("Notes", "tab\there, \u0007bell, full-width \uFF29\uFF2E\uFF36, combining o\u0301")));

        String text = text(renderer.render(document));

        String twoReplaced = ShowableText.REPLACEMENT_TEXT.repeat(2);
        assertThat(text).contains("Zürich – " + twoReplaced, "Seoul " + twoReplaced,
                "tab here, bell, full-width INV, combining ó");
    }

    @Test
    void test_render_setsDocumentInformation() throws IOException {
        ReportDocument document = ReportDocument.of("Risk report – Zürich", List.of(), BUSINESS_DATE, "run-1", GENERATED_AT, List.of());

        try (PDDocument pdf = Loader.loadPDF(renderer.render(document))) {
            PDDocumentInformation info = pdf.getDocumentInformation();
            assertThat(info.getTitle()).isEqualTo("Risk report – Zürich");
            assertThat(info.getProducer()).isEqualTo(ReportRenderer.GENERATOR);
            assertThat(info.getCreationDate().toInstant()).isEqualTo(GENERATED_AT);
        }
    }

    @Test
    void test_render_pagesAreA4() throws IOException {
        ReportDocument document = ReportDocument.of("A4", List.of(), BUSINESS_DATE, "run-1", GENERATED_AT, List.of());

        try (PDDocument pdf = Loader.loadPDF(renderer.render(document))) {
            PDRectangle mediaBox = pdf.getPage(0).getMediaBox();
            assertThat(mediaBox.getWidth()).isEqualTo(PDRectangle.A4.getWidth());
            assertThat(mediaBox.getHeight()).isEqualTo(PDRectangle.A4.getHeight());
        }
    }

    @Test
    void test_render_longParagraphWrapsWithinThePage() throws IOException {
        String sentence = "The reconciliation matched every statement entry against the ledger. ";
        String longWord = "X".repeat(300);
        ReportDocument document = ReportDocument.of("Notes", List.of(), BUSINESS_DATE, "run-1", GENERATED_AT,
                List.of(ReportSection.paragraph("", sentence.repeat(40) + longWord)));

        String text = text(renderer.render(document));

        assertThat(text.lines().filter(line -> line.startsWith("The reconciliation") || line.contains("ledger")).count())
                .isGreaterThan(5);
        assertThat(text.replace("\n", "")).contains(longWord);
    }

    @Test
    void test_render_sameDocumentGivesSameBytes() {
        ReportDocument document = ReportDocument.of("Deterministic", List.of("line"), BUSINESS_DATE, "run-1", GENERATED_AT, List.of(
                ReportSection.keyFigures("", Map.of("Value", "1.00")),
                ReportSection.table("T", List.of("A", "B"), List.of(List.of("1", "2")))));

        assertThat(sha256(renderer.render(document))).isEqualTo(sha256(renderer.render(document)));
    }

    @Test
    void test_render_doesNotDependOnTheDefaultTimeZone() {
        ReportDocument document = ReportDocument.of("Zones", List.of(), BUSINESS_DATE, "run-1", GENERATED_AT, List.of());
        TimeZone original = TimeZone.getDefault();
        byte[] utc;
        byte[] tokyo;
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
            utc = renderer.render(document);
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
            tokyo = renderer.render(document);
        } finally {
            TimeZone.setDefault(original);
        }

        assertThat(sha256(tokyo)).isEqualTo(sha256(utc));
    }

    @Test
    void test_render_emptyTableShowsItsHeader() throws IOException {
        ReportDocument document = ReportDocument.of("Empty", List.of(), BUSINESS_DATE, "run-1", GENERATED_AT,
                List.of(ReportSection.table("Breaks", List.of("Account", "Difference"), List.of())));

        assertThatCode(() -> renderer.render(document)).doesNotThrowAnyException();
        assertThat(text(renderer.render(document))).contains("Account Difference", "No rows.");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return stripper.getText(document);
        }
    }

    private static String pageText(PDDocument pdf, int page) throws IOException {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setSortByPosition(true);
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        return stripper.getText(pdf);
    }
}
