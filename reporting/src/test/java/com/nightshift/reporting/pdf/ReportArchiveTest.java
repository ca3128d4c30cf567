package com.nightshift.reporting.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rendered PDFs as archive files: PDF/A-2b, embedded fonts, vector charts, metadata. */
class ReportArchiveTest {

    private static final Instant GENERATED_AT = Instant.parse("2026-11-21T05:30:00Z");
    private static final LocalDate BUSINESS_DATE = LocalDate.of(2026, 11, 20);

    private final ReportRenderer renderer = new ReportRenderer();

    static Stream<Arguments> everySectionKind() {
        return Stream.of(
                Arguments.of("key figures", keyFigures()),
                Arguments.of("table", table()),
                Arguments.of("paragraph", ReportSection.paragraph("Notes", "Łódź, Zürich, Ελλάδα, Москва; 東京 \uD83D\uDE00")),
                Arguments.of("histogram", histogram()),
                Arguments.of("bar chart", barChart()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everySectionKind")
    void test_render_eachSectionKindIsArchivable(String kind, ReportSection section) {
        byte[] pdf = renderer.render(document(List.of(section)));

        PdfArchiveCheck.assertArchivable(pdf);
    }

    @Test
    void test_render_documentWithEverySectionKindIsArchivable() {
        List<ReportSection> sections = everySectionKind().map(arguments -> (ReportSection) arguments.get()[1]).toList();

        PdfArchiveCheck.assertArchivable(renderer.render(document(sections)));
    }

    @Test
    void test_render_emptyDocumentIsArchivable() {
        PdfArchiveCheck.assertArchivable(renderer.render(document(List.of())));
    }

    @Test
    void test_render_chartsAreFormXObjectsWhoseTextIsExtractable() throws IOException {
        byte[] pdf = renderer.render(document(List.of(histogram(), barChart())));

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(forms(document.getPage(0))).hasSize(2);
        }
        assertThat(text(pdf)).contains("P&L distribution", "VaR 99%", "ES 97.5%", "P&L, USD",
                "Contributions", "PF-GROWTH", "PF-ÉQUILIBRÉ", "VaR contribution, USD");
    }

    @Test
    void test_render_chartTextUsesOnlyTheEmbeddedReportFonts() throws IOException {
        byte[] pdf = renderer.render(document(List.of(histogram(), barChart())));

        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (PDFormXObject form : forms(document.getPage(0))) {
                PDResources resources = form.getResources();
                assertThat(resources.getFontNames()).isNotEmpty();
                for (COSName name : resources.getFontNames()) {
                    PDFont font = resources.getFont(name);
                    assertThat(font.isEmbedded()).isTrue();
                    assertThat(font.getName()).matches("[A-Z]{6}\\+DejaVuSans(-Bold)?");
                }
            }
        }
    }

    @Test
    void test_render_chartThatDoesNotFitTheRestOfAPageStartsTheNextWithItsHeading() throws IOException {
        String filler = "A line of text that fills the first page.\n".repeat(56);
        byte[] pdf = renderer.render(document(List.of(ReportSection.paragraph("", filler), histogram())));

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(2);
            assertThat(forms(document.getPage(0))).isEmpty();
            List<PDFormXObject> charts = forms(document.getPage(1));
            assertThat(charts).hasSize(1);
            assertThat(pageText(document, 2)).contains("P&L distribution");
        }
    }

    @Test
    void test_render_degenerateChartsStillRenderArchivably() throws IOException {
        ReportSection emptyBin = new ReportSection.Histogram("", "", List.of(new ReportSection.Histogram.Bin(0, 1, 0)),
                List.of(new ReportSection.Histogram.Marker("", 1e9)));
        ReportSection zeroBar = new ReportSection.BarChart("Nothing yet", "USD", List.of(
                new ReportSection.BarChart.Bar("", 0.0), new ReportSection.BarChart.Bar("", 0.0)));

        byte[] pdf = renderer.render(document(List.of(emptyBin, zeroBar)));

        PdfArchiveCheck.assertArchivable(pdf);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(forms(document.getPage(0))).hasSize(2);
        }
    }

    @Test
    void test_render_chartsGiveTheSameBytesWhateverTheDefaultLocale() {
        ReportDocument document = document(List.of(histogram(), barChart()));
        Locale original = Locale.getDefault();
        byte[] us;
        byte[] german;
        try {
            Locale.setDefault(Locale.US);
            us = renderer.render(document);
            Locale.setDefault(Locale.GERMANY);
            german = renderer.render(document);
        } finally {
            Locale.setDefault(original);
        }

        assertThat(german).isEqualTo(us);
        assertThat(renderer.render(document)).isEqualTo(us);
    }

    @Test
    void test_render_barChartWithManyBarsStaysWithinOnePage() throws IOException {
        List<ReportSection.BarChart.Bar> bars = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            bars.add(new ReportSection.BarChart.Bar("Bucket " + i, i * 10.0));
        }
        byte[] pdf = renderer.render(document(List.of(new ReportSection.BarChart("Buckets", "Items", bars))));

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(2);
            PDFormXObject chart = forms(document.getPage(1)).get(0);
            assertThat(chart.getBBox().getHeight()).isLessThanOrEqualTo(PageComposer.TOP - PageComposer.BOTTOM);
            assertThat(pageText(document, 2)).contains("Buckets", "Bucket 1", "Bucket 200");
        }
        PdfArchiveCheck.assertArchivable(pdf);
    }

    @Test
    void test_render_metadataNamesTitleBusinessDateRunIdAndGeneratorVersion() throws IOException {
        byte[] pdf = renderer.render(document(List.of()));

        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDDocumentInformation info = document.getDocumentInformation();
            assertThat(info.getTitle()).isEqualTo("Risk report – Łódź");
            assertThat(info.getCreator()).isEqualTo(ReportRenderer.GENERATOR);
            assertThat(info.getProducer()).isEqualTo(ReportRenderer.GENERATOR);
            assertThat(info.getCustomMetadataValue("BusinessDate")).isEqualTo("2026-11-20");
            assertThat(info.getCustomMetadataValue("RunId")).isEqualTo("run-42");
            String xmp = new String(document.getDocumentCatalog().getMetadata().toByteArray(), StandardCharsets.UTF_8);
            assertThat(xmp).contains("<rdf:li xml:lang=\"x-default\">Risk report – Łódź</rdf:li>",
                    "<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>",
                    "<xmp:CreateDate>2026-11-21T05:30:00Z</xmp:CreateDate>",
                    "<nsr:businessDate>2026-11-20</nsr:businessDate>", "<nsr:runId>run-42</nsr:runId>",
                    "<xmp:CreatorTool>" + ReportRenderer.GENERATOR + "</xmp:CreatorTool>");
        }
    }

    @Test
    void test_generator_versionIsTheBuildsProjectVersion() {
        assertThat(ReportRenderer.GENERATOR).startsWith("Nightshift reporting ");
        assertThat(ReportGenerator.CURRENT.version()).matches("\\d+\\.\\d+\\.\\d+.*").doesNotContain("${");
    }

    @Test
    void test_render_metadataEscapesMarkupInTitleAndRunId() throws IOException {
        ReportDocument document = ReportDocument.of("Breaks <A&B> \"quoted\"\nsecond line", List.of(), BUSINESS_DATE,
                "run<1>&2", GENERATED_AT, List.of());

        byte[] pdf = renderer.render(document);

        PdfArchiveCheck.assertPdfA2b(pdf);
        try (PDDocument loaded = Loader.loadPDF(pdf)) {
            assertThat(loaded.getDocumentInformation().getTitle()).isEqualTo("Breaks <A&B> \"quoted\" second line");
        }
    }

    @Test
    void test_check_rejectsAPdfThatIsNotPdfA() throws IOException {
        byte[] plain;
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage());
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            document.save(out);
            plain = out.toByteArray();
        }

        assertThatThrownBy(() -> PdfArchiveCheck.assertPdfA2b(plain))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("not PDF/A-2b")
                .hasMessageContaining("6.6.2.1-1");
    }

    @Test
    void test_check_rejectsNonEmbeddedFontsAndImages() throws IOException {
        byte[] bad;
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            var image = org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory.createFromImage(document,
                    new java.awt.image.BufferedImage(2, 2, java.awt.image.BufferedImage.TYPE_INT_RGB));
            try (var stream = new org.apache.pdfbox.pdmodel.PDPageContentStream(document, page)) {
                stream.beginText();
                stream.setFont(new org.apache.pdfbox.pdmodel.font.PDType1Font(
                        org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA), 10);
                stream.showText("x");
                stream.endText();
                stream.drawImage(image, 10, 10);
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            document.save(out);
            bad = out.toByteArray();
        }

        assertThatThrownBy(() -> PdfArchiveCheck.assertFontsEmbeddedAndNoImages(bad))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("font Helvetica")
                .hasMessageContaining("is not embedded")
                .hasMessageContaining("image XObject");
    }

    private static ReportDocument document(List<ReportSection> sections) {
        return ReportDocument.of("Risk report – Łódź", List.of("Business date 2026-11-20"), BUSINESS_DATE, "run-42",
                GENERATED_AT, sections);
    }

    private static ReportSection keyFigures() {
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("Portfolio value", "12,345,678.90 USD");
        figures.put("VaR 99% (1 day)", "456,789.01 USD");
        return ReportSection.keyFigures("Summary", figures);
    }

    private static ReportSection table() {
        return ReportSection.Table.of("Holdings", List.of(TableColumn.left("Instrument"), TableColumn.right("Value")),
                List.of(List.of("Zürich Versicherung", "1,000.00"), List.of("Αθήνα 東京", "2,000.00")));
    }

    private static ReportSection histogram() {
        List<ReportSection.Histogram.Bin> bins = new ArrayList<>();
        for (int i = -10; i < 10; i++) {
            bins.add(new ReportSection.Histogram.Bin(i * 1000.0, (i + 1) * 1000.0, 1000 - 9L * i * i));
        }
        return new ReportSection.Histogram("P&L distribution", "P&L, USD", bins, List.of(
                new ReportSection.Histogram.Marker("VaR 99%", -7800.0),
                new ReportSection.Histogram.Marker("ES 97.5%", -8400.0)));
    }

    private static ReportSection barChart() {
        return new ReportSection.BarChart("Contributions", "VaR contribution, USD", List.of(
                new ReportSection.BarChart.Bar("PF-GROWTH", 250_000.0),
                new ReportSection.BarChart.Bar("PF-ÉQUILIBRÉ", 120_500.5),
                new ReportSection.BarChart.Bar("PF-HEDGE", -40_000.0)));
    }

    private static List<PDFormXObject> forms(PDPage page) throws IOException {
        List<PDFormXObject> forms = new ArrayList<>();
        PDResources resources = page.getResources();
        for (COSName name : resources.getXObjectNames()) {
            if (resources.getXObject(name) instanceof PDFormXObject form) {
                forms.add(form);
            }
        }
        return forms;
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    private static String pageText(PDDocument document, int page) throws IOException {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        return stripper.getText(document);
    }
}
