package com.nightshift.reporting.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;

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
 *   <li>Histograms and bar charts are vector graphics (JFreeChart drawn into PDF operators, see
 *       {@link ChartFigure}), page-wide; a chart that does not fit in the rest of a page starts the
 *       next one, with its heading.</li>
 *   <li>Text uses DejaVu Sans ({@link ReportFonts}), embedded as subsets, so Latin, Greek and Cyrillic
 *       print as written; a character the font lacks is replaced by the Unicode replacement character
 *       (see {@link ShowableText}), never rejected. The text can be extracted (the fonts carry
 *       Unicode maps).</li>
 *   <li>The file is PDF/A-2b ({@link ArchiveMetadata}): XMP metadata and document information say the
 *       title (the original, unreplaced text), the generator ({@link #GENERATOR}), the business date and
 *       run id, and creation date = {@link ReportDocument#generatedAt()}; colours are sRGB. No clock
 *       is read, so the same document renders to the same bytes.</li>
 *   <li>Memory stays bounded for long reports: page content goes to a temporary scratch file once a
 *       document's streams pass {@value #SCRATCH_IN_MEMORY_BYTES} bytes, and table rows are laid out
 *       one at a time. Only the finished file is held whole, by {@link #render(ReportDocument)};
 *       {@link #render(ReportDocument, OutputStream)} streams it.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe: each call builds its own PDF.
 */
public final class ReportRenderer {

    /** The generator recorded in every rendered PDF (producer and creator tool): the engine's name and version. */
    public static final String GENERATOR = ReportGenerator.CURRENT.label();

    /** How much of a document's streams stays in memory before the rest goes to a scratch file. */
    static final long SCRATCH_IN_MEMORY_BYTES = 16L * 1024 * 1024;

    private static final DateTimeFormatter GENERATED_AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final float SECTION_GAP = 12f;
    private static final float CELL_PAD_X = 4f;
    /** The smallest size a wide table's cells are set at to keep its words whole (points). */
    private static final float MIN_CELL_SIZE = 6.5f;
    private static final float CELL_PAD_Y = 3f;
    private static final float KEY_FIGURE_GAP = 12f;

    /** A renderer; it holds no state, so one instance can serve every request. */
    public ReportRenderer() {
    }

    /**
     * Renders the document.
     *
     * @return the bytes of a complete PDF file
     * @throws UncheckedIOException if PDFBox fails to write the document: the result goes to memory,
     *                              so only the scratch file of a long report (in {@code java.io.tmpdir})
     *                              can fail for want of space; anything else is a bug
     */
    public byte[] render(ReportDocument document) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            render(document, out);
        } catch (IOException e) {
            throw new UncheckedIOException("rendering report '" + document.title() + "' failed", e);
        }
        return out.toByteArray();
    }

    /**
     * Renders the document into {@code out}, which it does not close.
     *
     * @throws IOException if writing to {@code out} or to the scratch file fails
     */
    public void render(ReportDocument document, OutputStream out) throws IOException {
        Objects.requireNonNull(document, "report document");
        Objects.requireNonNull(out, "output stream");
        try (PDDocument pdf = new PDDocument(MemoryUsageSetting.setupMixed(SCRATCH_IN_MEMORY_BYTES).streamCache);
             // Fonts belong to one PDDocument, so each rendering embeds its own subsets.
             ReportFonts.Embedded fonts = ReportFonts.embedIn(pdf)) {
            new Layout(pdf, fonts, document).render();
            ArchiveMetadata.apply(pdf, document);
            // PDFBox seeds the file identifier with the clock unless given a seed; the generation time keeps output reproducible.
            pdf.setDocumentId(document.generatedAt().toEpochMilli());
            pdf.save(out);
        }
    }

    /** One rendering: the fonts, the cleaned text and the pages of one document. */
    private static final class Layout {

        private final PDDocument pdf;
        private final ReportDocument document;
        private final ChartFigure charts;
        private final Typeface titleFace;
        private final Typeface subtitleFace;
        private final Typeface metaFace;
        private final Typeface headingFace;
        private final Typeface bodyFace;
        private final Typeface bodyBoldFace;
        private final Typeface cellFace;
        private final Typeface headerCellFace;
        private final Typeface footerFace;
        private final Typeface runningTitleFace;
        private final String title;
        private final PageComposer pages;

        Layout(PDDocument pdf, ReportFonts.Embedded fonts, ReportDocument document) {
            this.pdf = pdf;
            this.document = document;
            PDFont regular = fonts.regular();
            PDFont bold = fonts.bold();
            this.charts = new ChartFigure(pdf, fonts);
            Typeface plain = new Typeface(regular, 1f);
            Typeface strong = new Typeface(bold, 1f);
            this.titleFace = strong.atSize(18f);
            this.subtitleFace = plain.atSize(10.5f);
            this.metaFace = plain.atSize(8.5f);
            this.headingFace = strong.atSize(12f);
            this.bodyFace = plain.atSize(9.5f);
            this.bodyBoldFace = strong.atSize(9.5f);
            this.cellFace = plain.atSize(8.5f);
            this.headerCellFace = strong.atSize(8.5f);
            this.footerFace = plain.atSize(8f);
            this.runningTitleFace = strong.atSize(8f);
            this.title = ShowableText.clean(document.title());
            this.pages = new PageComposer(pdf, runningTitleFace, title.replace('\n', ' '));
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
                    case ReportSection.Histogram histogram -> histogram(histogram);
                    case ReportSection.BarChart bars -> barChart(bars);
                }
            }
            pages.close();
            footers(pages.pages());
        }

        private void titleBlock() throws IOException {
            lines(titleFace, titleFace.wrap(title, PageComposer.WIDTH), PageComposer.LEFT);
            pages.moveDown(4f);
            for (String subtitle : document.subtitleLines()) {
                lines(subtitleFace, subtitleFace.wrap(ShowableText.clean(subtitle), PageComposer.WIDTH), PageComposer.LEFT);
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
            List<String> lines = headingFace.wrap(ShowableText.clean(heading), PageComposer.WIDTH);
            float height = lines.size() * headingFace.leading() + 4f;
            pages.ensureSpace(Math.min(height + keepWithNext, pages.usableHeight()));
            lines(headingFace, lines, PageComposer.LEFT);
            pages.moveDown(4f);
        }

        private void paragraph(ReportSection.Paragraph paragraph) throws IOException {
            heading(paragraph.heading(), 2 * bodyFace.leading());
            lines(bodyFace, bodyFace.wrap(ShowableText.clean(paragraph.text()), PageComposer.WIDTH), PageComposer.LEFT);
        }

        private void histogram(ReportSection.Histogram histogram) throws IOException {
            float height = Math.min(ChartFigure.HISTOGRAM_HEIGHT, chartRoom(histogram.heading()));
            chart(histogram.heading(), height, charts.histogram(histogram, PageComposer.WIDTH, height));
        }

        private void barChart(ReportSection.BarChart bars) throws IOException {
            float height = ChartFigure.barChartHeight(bars.bars().size(), chartRoom(bars.heading()));
            chart(bars.heading(), height, charts.barChart(bars, PageComposer.WIDTH, height));
        }

        /** The tallest chart that fits on a fresh page under its heading. */
        private float chartRoom(String heading) {
            float headingHeight = heading.isEmpty() ? 0f
                    : headingFace.wrap(ShowableText.clean(heading), PageComposer.WIDTH).size() * headingFace.leading() + 4f;
            return pages.usableHeight() - headingHeight - 2f;
        }

        /** Draws a chart under its heading, both on the next page when the chart does not fit in the rest of this one. */
        private void chart(String heading, float height, PDFormXObject form) throws IOException {
            heading(heading, height);
            pages.ensureSpace(height);
            pages.form(form, PageComposer.LEFT, pages.cursor() - height);
            pages.moveDown(height);
        }

        private void keyFigures(ReportSection.KeyFigures section) throws IOException {
            List<String> labels = new ArrayList<>();
            List<String> values = new ArrayList<>();
            float labelWidth = 0f;
            for (KeyFigure figure : section.figures()) {
                String label = ShowableText.clean(figure.label());
                labels.add(label);
                values.add(ShowableText.clean(figure.value()));
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
            float[] unbreakable = new float[columnCount];
            for (int c = 0; c < columnCount; c++) {
                String header = ShowableText.clean(table.columns().get(c).header());
                headers.add(header);
                natural[c] = widest(headerCellFace, header);
                unbreakable[c] = widestWord(headerCellFace, header);
            }
            // Two passes over the rows (measure, then draw), cleaning each cell as it is needed: a copy of
            // every cleaned row would double the memory a long table takes.
            List<List<String>> rows = table.rows();
            for (List<String> row : rows) {
                for (int c = 0; c < columnCount; c++) {
                    String cell = ShowableText.clean(row.get(c));
                    natural[c] = Math.max(natural[c], widest(cellFace, cell));
                    unbreakable[c] = Math.max(unbreakable[c], widestWord(cellFace, cell));
                }
            }
            // A table whose longest words do not fit side by side is set smaller (down to
            // MIN_CELL_SIZE) rather than have its ids and amounts cut across lines.
            float words = 0f;
            for (float word : unbreakable) {
                words += word;
            }
            float room = PageComposer.WIDTH - 2 * CELL_PAD_X * columnCount;
            float scale = words > room ? Math.max(room / words, MIN_CELL_SIZE / cellFace.size()) : 1f;
            Typeface cells = scale < 1f ? cellFace.atSize(cellFace.size() * scale) : cellFace;
            Typeface headerCells = scale < 1f ? headerCellFace.atSize(headerCellFace.size() * scale) : headerCellFace;
            for (int c = 0; c < columnCount; c++) {
                natural[c] *= scale;
                unbreakable[c] *= scale;
            }
            float[] widths = columnWidths(natural, unbreakable);
            TableHeader header = new TableHeader(table.columns(), headers, widths, headerCells);

            float firstRowHeight = rows.isEmpty() ? cells.leading()
                    : rowHeight(cells, cleaned(rows.get(0)), widths, header.height());
            heading(table.heading(), header.height() + firstRowHeight);
            pages.ensureSpace(header.height() + firstRowHeight);
            header.draw();
            if (rows.isEmpty()) {
                lines(cells, List.of("No rows."), PageComposer.LEFT + CELL_PAD_X);
                return;
            }
            for (List<String> row : rows) {
                List<List<String>> wrapped = new ArrayList<>(columnCount);
                int lineCount = 1;
                for (int c = 0; c < columnCount; c++) {
                    List<String> lines = cells.wrap(ShowableText.clean(row.get(c)), widths[c] - 2 * CELL_PAD_X);
                    wrapped.add(lines);
                    lineCount = Math.max(lineCount, lines.size());
                }
                lineCount = fitLines(lineCount, cells.leading(), header.height() + 2 * CELL_PAD_Y);
                float height = lineCount * cells.leading() + 2 * CELL_PAD_Y;
                if (pages.ensureSpace(height)) {
                    header.draw();
                }
                float top = pages.cursor();
                float x = PageComposer.LEFT;
                for (int c = 0; c < columnCount; c++) {
                    List<String> lines = cut(wrapped.get(c), lineCount, cells, widths[c] - 2 * CELL_PAD_X);
                    cell(cells, lines, table.columns().get(c).alignment(), x, widths[c], top - CELL_PAD_Y);
                    x += widths[c];
                }
                pages.moveDown(height);
                pages.rule(PageComposer.LEFT, pages.cursor(), PageComposer.WIDTH, 0.8f, 0.3f);
            }
        }

        private static List<String> cleaned(List<String> row) {
            return row.stream().map(ShowableText::clean).toList();
        }

        private float rowHeight(Typeface cells, List<String> row, float[] widths, float headerHeight) {
            int lineCount = 1;
            for (int c = 0; c < row.size(); c++) {
                lineCount = Math.max(lineCount, cells.wrap(row.get(c), widths[c] - 2 * CELL_PAD_X).size());
            }
            return fitLines(lineCount, cells.leading(), headerHeight + 2 * CELL_PAD_Y) * cells.leading()
                    + 2 * CELL_PAD_Y;
        }

        /** The header row of one table, drawn at its start and again at the top of each continuation page. */
        private final class TableHeader {
            private final List<TableColumn> columns;
            private final List<List<String>> lines = new ArrayList<>();
            private final float[] widths;
            private final Typeface face;
            private final float height;

            TableHeader(List<TableColumn> columns, List<String> headers, float[] widths, Typeface face) {
                this.columns = columns;
                this.widths = widths;
                this.face = face;
                int lineCount = 1;
                for (int c = 0; c < headers.size(); c++) {
                    List<String> wrapped = face.wrap(headers.get(c), widths[c] - 2 * CELL_PAD_X);
                    lines.add(wrapped);
                    lineCount = Math.max(lineCount, wrapped.size());
                }
                this.height = lineCount * face.leading() + 2 * CELL_PAD_Y;
            }

            float height() {
                return height;
            }

            void draw() throws IOException {
                float top = pages.cursor();
                pages.fill(PageComposer.LEFT, top - height, PageComposer.WIDTH, height, 0.9f);
                float x = PageComposer.LEFT;
                for (int c = 0; c < columns.size(); c++) {
                    cell(face, lines.get(c), columns.get(c).alignment(), x, widths[c], top - CELL_PAD_Y);
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
         * Column widths that span the page: natural widths (the widest line of each column) grown in
         * proportion when they are narrower than the page. When wider, each column first gets its
         * widest word, so that no id or amount is broken across lines, and the rest of the page is
         * shared in proportion to how much wider each column would like to be (its cells wrap at
         * spaces). Only when the words alone are wider than the page do columns narrower than an equal
         * share keep their width and the others share the rest equally.
         */
        private static float[] columnWidths(float[] natural, float[] unbreakable) {
            int n = natural.length;
            float[] widths = new float[n];
            float total = 0f;
            float words = 0f;
            for (int c = 0; c < n; c++) {
                natural[c] = Math.max(natural[c] + 2 * CELL_PAD_X, 3 * CELL_PAD_X);
                unbreakable[c] = Math.min(Math.max(unbreakable[c] + 2 * CELL_PAD_X, 3 * CELL_PAD_X), natural[c]);
                total += natural[c];
                words += unbreakable[c];
            }
            if (total <= PageComposer.WIDTH) {
                for (int c = 0; c < n; c++) {
                    widths[c] = natural[c] * PageComposer.WIDTH / total;
                }
                return widths;
            }
            if (words <= PageComposer.WIDTH) {
                float share = (PageComposer.WIDTH - words) / (total - words);
                for (int c = 0; c < n; c++) {
                    widths[c] = unbreakable[c] + (natural[c] - unbreakable[c]) * share;
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

        /** The widest run of {@code text} between spaces or line breaks, where wrapping may not cut. */
        private static float widestWord(Typeface face, String text) {
            float widest = 0f;
            int start = 0;
            for (int i = 0; i <= text.length(); i++) {
                if (i == text.length() || text.charAt(i) == ' ' || text.charAt(i) == '\n') {
                    if (i > start) {
                        widest = Math.max(widest, face.width(text.substring(start, i)));
                    }
                    start = i + 1;
                }
            }
            return widest;
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
            // The cap height of DejaVu Sans is about 0.73 em; a little more keeps descenders of the line above clear.
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
