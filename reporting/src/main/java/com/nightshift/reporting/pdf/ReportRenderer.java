package com.nightshift.reporting.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Objects;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Renders a {@link ReportDocument} to an A4 PDF.
 *
 * <p>What a caller may rely on:
 * <ul>
 *   <li>The first page starts with the title, the subtitle lines and the generation time; every
 *       following page repeats the title in a running header; every page ends with a footer
 *       "Page n of m".</li>
 *   <li>Sections follow in order. A section heading is never left alone at the bottom of a page.
 *       Tables continue across pages with their header row repeated; cells, key figures and
 *       paragraphs wrap at spaces (inside a word only when it alone is too wide). A table row
 *       taller than a whole page is cut, ending in an ellipsis.</li>
 *   <li>Text uses the Standard 14 fonts Helvetica and Helvetica-Bold, which need no embedding but
 *       encode only WinAnsi: other characters are replaced (by their unaccented base letter where
 *       Unicode has one, else by {@code ?}), never rejected.</li>
 *   <li>Document information: title (the original, unreplaced text), creator and producer
 *       {@value #PRODUCER}, and creation date = {@link ReportDocument#generatedAt()}. No clock is
 *       read, so the same document renders to the same bytes.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe: each call builds its own PDF.
 */
public final class ReportRenderer {

    /** The producer and creator recorded in every rendered PDF. */
    public static final String PRODUCER = "Nightshift";

    private static final DateTimeFormatter GENERATED_AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final float SECTION_GAP = 12f;
    private static final float CELL_PAD_X = 4f;
    private static final float CELL_PAD_Y = 3f;
    private static final float KEY_FIGURE_GAP = 12f;

    /** A renderer; it holds no state, so one instance can serve every request. */
    public ReportRenderer() {
    }

    /**
     * Renders the document.
     *
     * @return the bytes of a complete PDF file
     * @throws UncheckedIOException if PDFBox fails to write the document (it writes to memory, so
     *                              this indicates a bug rather than an environment problem)
     */
    public byte[] render(ReportDocument document) {
        Objects.requireNonNull(document, "report document");
        try (PDDocument pdf = new PDDocument()) {
            new Layout(pdf, document).render();
            PDDocumentInformation info = pdf.getDocumentInformation();
            info.setTitle(document.title());
            info.setProducer(PRODUCER);
            info.setCreator(PRODUCER);
            info.setCreationDate(GregorianCalendar.from(document.generatedAt().atZone(ZoneOffset.UTC)));
            // PDFBox seeds the file identifier with the clock unless given a seed; the generation time keeps output reproducible.
            pdf.setDocumentId(document.generatedAt().toEpochMilli());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("rendering report '" + document.title() + "' failed", e);
        }
    }

    /** One rendering: the fonts, the cleaned text and the pages of one document. */
    private static final class Layout {

        private final PDDocument pdf;
        private final ReportDocument document;
        private final WinAnsiText winAnsi;
        private final Typeface titleFace;
        private final Typeface subtitleFace;
        private final Typeface metaFace;
        private final Typeface headingFace;
        private final Typeface bodyFace;
        private final Typeface bodyBoldFace;
        private final Typeface cellFace;
        private final Typeface headerCellFace;
        private final Typeface footerFace;
        private final String title;
        private final PageComposer pages;

        Layout(PDDocument pdf, ReportDocument document) {
            this.pdf = pdf;
            this.document = document;
            // Fonts belong to one PDDocument, so each rendering makes its own.
            PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            this.winAnsi = new WinAnsiText(regular);
            this.titleFace = new Typeface(bold, 18f);
            this.subtitleFace = new Typeface(regular, 10.5f);
            this.metaFace = new Typeface(regular, 8.5f);
            this.headingFace = new Typeface(bold, 12f);
            this.bodyFace = new Typeface(regular, 9.5f);
            this.bodyBoldFace = new Typeface(bold, 9.5f);
            this.cellFace = new Typeface(regular, 8.5f);
            this.headerCellFace = new Typeface(bold, 8.5f);
            this.footerFace = new Typeface(regular, 8f);
            this.title = winAnsi.clean(document.title());
            this.pages = new PageComposer(pdf, new Typeface(bold, 8f), title.replace('\n', ' '));
        }

        void render() throws IOException {
            pages.newPage();
            titleBlock();
            for (ReportSection section : document.sections()) {
                pages.moveDown(SECTION_GAP);
                switch (section) {
                    case ReportSection.KeyFigures figures -> keyFigures(figures);
                    case ReportSection.Table table -> table(table);
                    case ReportSection.Paragraph paragraph -> paragraph(paragraph);
                    // Not drawn yet: the chart sections are rendered with vector graphics next.
                    case ReportSection.Histogram histogram -> paragraph(ReportSection.paragraph(histogram.heading(), ""));
                    case ReportSection.BarChart bars -> paragraph(ReportSection.paragraph(bars.heading(), ""));
                }
            }
            pages.close();
            footers(pages.pages());
        }

        private void titleBlock() throws IOException {
            lines(titleFace, titleFace.wrap(title, PageComposer.WIDTH), PageComposer.LEFT);
            pages.moveDown(4f);
            for (String subtitle : document.subtitleLines()) {
                lines(subtitleFace, subtitleFace.wrap(winAnsi.clean(subtitle), PageComposer.WIDTH), PageComposer.LEFT);
            }
            lines(metaFace, List.of("Generated " + GENERATED_AT.format(document.generatedAt())), PageComposer.LEFT);
            pages.moveDown(4f);
            pages.rule(PageComposer.LEFT, pages.cursor(), PageComposer.WIDTH, 0f, 0.8f);
            pages.moveDown(4f);
        }

        /** Draws lines one by one, breaking pages between lines as needed. */
        private void lines(Typeface face, List<String> lines, float x) throws IOException {
            for (String line : lines) {
                pages.ensureSpace(face.leading());
                pages.text(face, x, baseline(face, pages.cursor()), line);
                pages.moveDown(face.leading());
            }
        }

        /** Draws the heading, if any, on the page where the first {@code keepWithNext} points of the body also fit. */
        private void heading(String heading, float keepWithNext) throws IOException {
            if (heading.isEmpty()) {
                return;
            }
            List<String> lines = headingFace.wrap(winAnsi.clean(heading), PageComposer.WIDTH);
            float height = lines.size() * headingFace.leading() + 4f;
            pages.ensureSpace(Math.min(height + keepWithNext, pages.usableHeight()));
            lines(headingFace, lines, PageComposer.LEFT);
            pages.moveDown(4f);
        }

        private void paragraph(ReportSection.Paragraph paragraph) throws IOException {
            heading(paragraph.heading(), 2 * bodyFace.leading());
            lines(bodyFace, bodyFace.wrap(winAnsi.clean(paragraph.text()), PageComposer.WIDTH), PageComposer.LEFT);
        }

        private void keyFigures(ReportSection.KeyFigures section) throws IOException {
            List<String> labels = new ArrayList<>();
            List<String> values = new ArrayList<>();
            float labelWidth = 0f;
            for (KeyFigure figure : section.figures()) {
                String label = winAnsi.clean(figure.label());
                labels.add(label);
                values.add(winAnsi.clean(figure.value()));
                for (String line : label.split("\n", -1)) {
                    labelWidth = Math.max(labelWidth, bodyFace.width(line));
                }
            }
            labelWidth = Math.min(labelWidth, PageComposer.WIDTH * 0.45f);
            float valueX = PageComposer.LEFT + labelWidth + KEY_FIGURE_GAP;
            float valueWidth = PageComposer.WIDTH - labelWidth - KEY_FIGURE_GAP;
            boolean first = true;
            for (int i = 0; i < labels.size(); i++) {
                List<String> labelLines = bodyFace.wrap(labels.get(i), labelWidth);
                List<String> valueLines = bodyBoldFace.wrap(values.get(i), valueWidth);
                int rows = fitLines(Math.max(labelLines.size(), valueLines.size()), bodyFace.leading(), 0f);
                float height = rows * bodyFace.leading() + 2f;
                if (first) {
                    heading(section.heading(), height);
                    first = false;
                }
                pages.ensureSpace(height);
                float top = pages.cursor();
                column(bodyFace, cut(labelLines, rows, bodyFace, labelWidth), PageComposer.LEFT, top);
                column(bodyBoldFace, cut(valueLines, rows, bodyBoldFace, valueWidth), valueX, top);
                pages.moveDown(height);
            }
        }

        private void table(ReportSection.Table table) throws IOException {
            int columnCount = table.columns().size();
            List<String> headers = new ArrayList<>(columnCount);
            float[] natural = new float[columnCount];
            for (int c = 0; c < columnCount; c++) {
                String header = winAnsi.clean(table.columns().get(c).header());
                headers.add(header);
                natural[c] = widest(headerCellFace, header);
            }
            List<List<String>> rows = new ArrayList<>(table.rows().size());
            for (List<String> row : table.rows()) {
                List<String> cleaned = new ArrayList<>(columnCount);
                for (int c = 0; c < columnCount; c++) {
                    String cell = winAnsi.clean(row.get(c));
                    cleaned.add(cell);
                    natural[c] = Math.max(natural[c], widest(cellFace, cell));
                }
                rows.add(cleaned);
            }
            float[] widths = columnWidths(natural);
            TableHeader header = new TableHeader(table.columns(), headers, widths);

            float firstRowHeight = rows.isEmpty() ? cellFace.leading() : rowHeight(rows.get(0), widths, header.height());
            heading(table.heading(), header.height() + firstRowHeight);
            pages.ensureSpace(header.height() + firstRowHeight);
            header.draw();
            if (rows.isEmpty()) {
                lines(cellFace, List.of("No rows."), PageComposer.LEFT + CELL_PAD_X);
                return;
            }
            for (List<String> row : rows) {
                List<List<String>> cells = new ArrayList<>(columnCount);
                int lineCount = 1;
                for (int c = 0; c < columnCount; c++) {
                    List<String> lines = cellFace.wrap(row.get(c), widths[c] - 2 * CELL_PAD_X);
                    cells.add(lines);
                    lineCount = Math.max(lineCount, lines.size());
                }
                lineCount = fitLines(lineCount, cellFace.leading(), header.height() + 2 * CELL_PAD_Y);
                float height = lineCount * cellFace.leading() + 2 * CELL_PAD_Y;
                if (pages.ensureSpace(height)) {
                    header.draw();
                }
                float top = pages.cursor();
                float x = PageComposer.LEFT;
                for (int c = 0; c < columnCount; c++) {
                    List<String> lines = cut(cells.get(c), lineCount, cellFace, widths[c] - 2 * CELL_PAD_X);
                    cell(cellFace, lines, table.columns().get(c).alignment(), x, widths[c], top - CELL_PAD_Y);
                    x += widths[c];
                }
                pages.moveDown(height);
                pages.rule(PageComposer.LEFT, pages.cursor(), PageComposer.WIDTH, 0.8f, 0.3f);
            }
        }

        private float rowHeight(List<String> row, float[] widths, float headerHeight) {
            int lineCount = 1;
            for (int c = 0; c < row.size(); c++) {
                lineCount = Math.max(lineCount, cellFace.wrap(row.get(c), widths[c] - 2 * CELL_PAD_X).size());
            }
            return fitLines(lineCount, cellFace.leading(), headerHeight + 2 * CELL_PAD_Y) * cellFace.leading()
                    + 2 * CELL_PAD_Y;
        }

        /** The header row of one table, drawn at its start and again at the top of each continuation page. */
        private final class TableHeader {
            private final List<TableColumn> columns;
            private final List<List<String>> lines = new ArrayList<>();
            private final float[] widths;
            private final float height;

            TableHeader(List<TableColumn> columns, List<String> headers, float[] widths) {
                this.columns = columns;
                this.widths = widths;
                int lineCount = 1;
                for (int c = 0; c < headers.size(); c++) {
                    List<String> wrapped = headerCellFace.wrap(headers.get(c), widths[c] - 2 * CELL_PAD_X);
                    lines.add(wrapped);
                    lineCount = Math.max(lineCount, wrapped.size());
                }
                this.height = lineCount * headerCellFace.leading() + 2 * CELL_PAD_Y;
            }

            float height() {
                return height;
            }

            void draw() throws IOException {
                float top = pages.cursor();
                pages.fill(PageComposer.LEFT, top - height, PageComposer.WIDTH, height, 0.9f);
                float x = PageComposer.LEFT;
                for (int c = 0; c < columns.size(); c++) {
                    cell(headerCellFace, lines.get(c), columns.get(c).alignment(), x, widths[c], top - CELL_PAD_Y);
                    x += widths[c];
                }
                pages.moveDown(height);
                pages.rule(PageComposer.LEFT, pages.cursor(), PageComposer.WIDTH, 0.3f, 0.6f);
            }
        }

        private void cell(Typeface face, List<String> lines, TableColumn.Alignment alignment, float x, float width,
                float top) throws IOException {
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                float lineX = alignment == TableColumn.Alignment.RIGHT
                        ? x + width - CELL_PAD_X - face.width(line)
                        : x + CELL_PAD_X;
                pages.text(face, lineX, baseline(face, top - i * face.leading()), line);
            }
        }

        private void column(Typeface face, List<String> lines, float x, float top) throws IOException {
            for (int i = 0; i < lines.size(); i++) {
                pages.text(face, x, baseline(face, top - i * face.leading()), lines.get(i));
            }
        }

        /**
         * Column widths that span the page: natural widths grown in proportion when they are
         * narrower than the page; when wider, columns narrower than an equal share keep their
         * width and the others share the rest equally (their cells wrap).
         */
        private static float[] columnWidths(float[] natural) {
            int n = natural.length;
            float[] widths = new float[n];
            float total = 0f;
            for (int c = 0; c < n; c++) {
                natural[c] = Math.max(natural[c] + 2 * CELL_PAD_X, 3 * CELL_PAD_X);
                total += natural[c];
            }
            if (total <= PageComposer.WIDTH) {
                for (int c = 0; c < n; c++) {
                    widths[c] = natural[c] * PageComposer.WIDTH / total;
                }
                return widths;
            }
            boolean[] fixed = new boolean[n];
            float remaining = PageComposer.WIDTH;
            int open = n;
            boolean changed = true;
            while (changed && open > 0) {
                changed = false;
                float share = remaining / open;
                for (int c = 0; c < n; c++) {
                    if (!fixed[c] && natural[c] <= share) {
                        fixed[c] = true;
                        widths[c] = natural[c];
                        remaining -= natural[c];
                        open--;
                        changed = true;
                    }
                }
            }
            for (int c = 0; c < n; c++) {
                if (!fixed[c]) {
                    widths[c] = remaining / open;
                }
            }
            return widths;
        }

        private static float widest(Typeface face, String text) {
            float widest = 0f;
            for (String line : text.split("\n", -1)) {
                widest = Math.max(widest, face.width(line));
            }
            return widest;
        }

        /** How many of {@code lineCount} lines fit on an empty page besides {@code reserved} points. */
        private int fitLines(int lineCount, float leading, float reserved) {
            int fitting = Math.max(1, (int) ((pages.usableHeight() - reserved - 2f) / leading));
            return Math.min(lineCount, fitting);
        }

        /** The first {@code count} lines, the last of them ending in an ellipsis if lines were dropped. */
        private static List<String> cut(List<String> lines, int count, Typeface face, float width) {
            if (lines.size() <= count) {
                return lines;
            }
            List<String> kept = new ArrayList<>(lines.subList(0, count));
            kept.set(count - 1, face.truncate(kept.get(count - 1) + "\u2026", width));
            return kept;
        }

        private static float baseline(Typeface face, float top) {
            // The cap height of Helvetica is about 0.72 em; a little more keeps descenders of the line above clear.
            return top - face.size() * 0.9f;
        }

        private void footers(List<PDPage> rendered) throws IOException {
            int count = rendered.size();
            for (int i = 0; i < count; i++) {
                try (PDPageContentStream stream = new PDPageContentStream(pdf, rendered.get(i),
                        PDPageContentStream.AppendMode.APPEND, true, true)) {
                    float ruleY = PageComposer.MARGIN + 6f;
                    float baseline = PageComposer.MARGIN - 4f;
                    stream.setStrokingColor(0.6f);
                    stream.setLineWidth(0.5f);
                    stream.moveTo(PageComposer.LEFT, ruleY);
                    stream.lineTo(PageComposer.LEFT + PageComposer.WIDTH, ruleY);
                    stream.stroke();
                    String pageNumber = "Page " + (i + 1) + " of " + count;
                    float numberWidth = footerFace.width(pageNumber);
                    String left = footerFace.truncate(title.replace('\n', ' ') + "  \u2013  generated "
                            + GENERATED_AT.format(document.generatedAt()), PageComposer.WIDTH - numberWidth - 20f);
                    stream.beginText();
                    stream.setFont(footerFace.font(), footerFace.size());
                    stream.newLineAtOffset(PageComposer.LEFT, baseline);
                    stream.showText(left);
                    stream.endText();
                    stream.beginText();
                    stream.setFont(footerFace.font(), footerFace.size());
                    stream.newLineAtOffset(PageComposer.LEFT + PageComposer.WIDTH - numberWidth, baseline);
                    stream.showText(pageNumber);
                    stream.endText();
                }
            }
        }
    }
}
