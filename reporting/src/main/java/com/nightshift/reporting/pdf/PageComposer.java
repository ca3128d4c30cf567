package com.nightshift.reporting.pdf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.util.Matrix;

/**
 * Lays content down A4 pages from top to bottom, starting a page when the next block does not fit.
 * Coordinates are PDF points with the origin at the bottom left; {@link #cursor()} is the top of
 * the free space on the current page. Not thread-safe; one per rendered document.
 */
final class PageComposer implements AutoCloseable {

    static final PDRectangle PAGE_SIZE = PDRectangle.A4;
    static final float MARGIN = 50f;
    static final float TOP = PAGE_SIZE.getHeight() - MARGIN;
    // Leaves room under the body for the footer line.
    static final float BOTTOM = MARGIN + 14f;
    static final float LEFT = MARGIN;
    static final float WIDTH = PAGE_SIZE.getWidth() - 2 * MARGIN;

    private final PDDocument document;
    private final Typeface runningTitleFace;
    private final String runningTitle;
    private final List<PDPage> pages = new ArrayList<>();
    private PDPageContentStream stream;
    private float cursor;
    private float pageStart;

    /**
     * @param runningTitle shown, cut to one line, at the top of every page after the first, so a
     *                     loose page still says which report it belongs to
     */
    PageComposer(PDDocument document, Typeface runningTitleFace, String runningTitle) {
        this.document = document;
        this.runningTitleFace = runningTitleFace;
        this.runningTitle = runningTitleFace.truncate(runningTitle, WIDTH);
    }

    /** Starts the first page or, after it, a new page with the continuation header. */
    void newPage() throws IOException {
        closeStream();
        PDPage page = new PDPage(PAGE_SIZE);
        document.addPage(page);
        pages.add(page);
        stream = new PDPageContentStream(document, page);
        cursor = TOP;
        if (pages.size() > 1) {
            text(runningTitleFace, LEFT, cursor - runningTitleFace.size(), runningTitle);
            rule(LEFT, cursor - runningTitleFace.leading() - 2f, WIDTH, 0.6f, 0.5f);
            cursor -= runningTitleHeight();
        }
        pageStart = cursor;
    }

    private float runningTitleHeight() {
        return runningTitleFace.leading() + 10f;
    }

    /**
     * Starts a new page unless {@code height} points still fit below the cursor, or nothing has
     * been drawn on this page yet (a new page would be no roomier).
     */
    boolean ensureSpace(float height) throws IOException {
        if (cursor - height >= BOTTOM || cursor >= pageStart) {
            return false;
        }
        newPage();
        return true;
    }

    /** The most height a block can have and still fit on a fresh continuation page. */
    float usableHeight() {
        return TOP - BOTTOM - runningTitleHeight();
    }

    float cursor() {
        return cursor;
    }

    void moveDown(float height) {
        cursor -= height;
    }

    void text(Typeface face, float x, float baseline, String text) throws IOException {
        if (text.isEmpty()) {
            return;
        }
        stream.beginText();
        stream.setFont(face.font(), face.size());
        stream.newLineAtOffset(x, baseline);
        stream.showText(text);
        stream.endText();
    }

    /** Draws a form XObject (a chart) with its lower left corner at (x, y), unscaled. */
    void form(PDFormXObject form, float x, float y) throws IOException {
        stream.saveGraphicsState();
        stream.transform(Matrix.getTranslateInstance(x, y));
        stream.drawForm(form);
        stream.restoreGraphicsState();
    }

    void rule(float x, float y, float width, float gray, float thickness) throws IOException {
        stream.setStrokingColor(gray);
        stream.setLineWidth(thickness);
        stream.moveTo(x, y);
        stream.lineTo(x + width, y);
        stream.stroke();
    }

    void fill(float x, float y, float width, float height, float gray) throws IOException {
        stream.setNonStrokingColor(gray);
        stream.addRect(x, y, width, height);
        stream.fill();
        stream.setNonStrokingColor(0f);
    }

    List<PDPage> pages() {
        return List.copyOf(pages);
    }

    @Override
    public void close() throws IOException {
        closeStream();
    }

    private void closeStream() throws IOException {
        if (stream != null) {
            stream.close();
            stream = null;
        }
    }
}
