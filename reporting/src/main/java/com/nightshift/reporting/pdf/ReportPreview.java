package com.nightshift.reporting.pdf;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * A picture of a report's first page (PNG), for documentation and for a reader who wants to see a
 * report without opening it. Rendered by PDFBox itself, so no external tool is needed.
 */
public final class ReportPreview {

    private ReportPreview() {
    }

    /**
     * The first page of {@code pdf} as a PNG at {@code dpi} dots per inch.
     *
     * @throws IllegalArgumentException if {@code dpi} is not between 24 and 600
     * @throws IOException              if {@code pdf} is not a PDF with at least one page
     */
    public static byte[] firstPage(byte[] pdf, int dpi) throws IOException {
        if (dpi < 24 || dpi > 600) {
            throw new IllegalArgumentException("preview resolution " + dpi + " dpi is not between 24 and 600");
        }
        try (PDDocument document = Loader.loadPDF(pdf)) {
            if (document.getNumberOfPages() == 0) {
                throw new IOException("the PDF has no pages");
            }
            BufferedImage image = new PDFRenderer(document).renderImageWithDPI(0, dpi, ImageType.RGB);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        }
    }
}
