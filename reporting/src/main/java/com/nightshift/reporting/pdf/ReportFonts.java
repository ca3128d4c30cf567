package com.nightshift.reporting.pdf;

import java.awt.FontFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.BitSet;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The typeface of every report: DejaVu Sans, regular and bold, shipped in this jar with its licence
 * ({@code fonts/LICENSE-DejaVu.txt} beside this class; a Bitstream Vera derivative, free to embed and
 * redistribute). An archived PDF must carry its fonts (PDF/A), and DejaVu covers Latin, Greek and
 * Cyrillic, so names such as "Łódź" print as written.
 *
 * <p>Each rendered document embeds its own subsets ({@link #embedIn}); the font files are read once
 * per process. {@link #covers} tells which characters both faces can show, so that text can be made
 * showable before it is measured or drawn. Thread-safe.
 */
final class ReportFonts {

    private static final String REGULAR = "fonts/DejaVuSans.ttf";
    private static final String BOLD = "fonts/DejaVuSans-Bold.ttf";

    private ReportFonts() {
    }

    /**
     * The two faces, embedded as subsets in one document; fonts belong to the document they were loaded
     * for. Close it after the document is saved: the subsets are cut from the font files when saving.
     */
    record Embedded(PDType0Font regular, PDType0Font bold, TrueTypeFont regularFile, TrueTypeFont boldFile)
            implements AutoCloseable {
        @Override
        public void close() throws IOException {
            try {
                regularFile.close();
            } finally {
                boldFile.close();
            }
        }
    }

    /** Loads both faces into {@code document}, to be embedded as subsets of the glyphs it uses. */
    static Embedded embedIn(PDDocument document) throws IOException {
        TrueTypeFont regular = parse(Files.REGULAR);
        TrueTypeFont bold = parse(Files.BOLD);
        return new Embedded(PDType0Font.load(document, regular, true), PDType0Font.load(document, bold, true),
                regular, bold);
    }

    /**
     * The font with glyph substitution (GSUB: ligatures and the like) off. Text is measured without
     * substitutions (PDFBox's widths ignore them), so drawing with them could make a line wider or
     * narrower than laid out; and PDFBox's Latin substitution costs more than half the time of a long
     * table.
     */
    private static TrueTypeFont parse(byte[] file) throws IOException {
        TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(file));
        font.setEnableGsub(false);
        return font;
    }

    /** Whether both faces have a glyph for the code point. */
    static boolean covers(int codePoint) {
        return Coverage.BOTH.get(codePoint);
    }

    /** The regular face as an AWT font at {@code size}, for chart text drawn through Java2D. */
    static java.awt.Font awtRegular(float size) {
        return AwtFonts.REGULAR.deriveFont(size);
    }

    /** The bold face as an AWT font at {@code size}. */
    static java.awt.Font awtBold(float size) {
        return AwtFonts.BOLD.deriveFont(size);
    }

    /** The font files, read once. */
    private static final class Files {
        static final byte[] REGULAR = read(ReportFonts.REGULAR);
        static final byte[] BOLD = read(ReportFonts.BOLD);

        private static byte[] read(String resource) {
            try (InputStream in = ReportFonts.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("font " + resource + " is missing from the reporting jar");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read font " + resource, e);
            }
        }
    }

    /** The code points both faces map to a glyph (their Unicode cmaps), computed once. */
    private static final class Coverage {
        static final BitSet BOTH = both();

        private static BitSet both() {
            BitSet regular = of(Files.REGULAR);
            regular.and(of(Files.BOLD));
            return regular;
        }

        private static BitSet of(byte[] file) {
            try (TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(file))) {
                CmapLookup cmap = font.getUnicodeCmapLookup();
                BitSet covered = new BitSet();
                for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
                    if (cmap.getGlyphId(codePoint) > 0) {
                        covered.set(codePoint);
                    }
                }
                return covered;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the cmap of a report font", e);
            }
        }
    }

    /** The faces as AWT fonts, created once (AWT fonts are immutable). */
    private static final class AwtFonts {
        static final java.awt.Font REGULAR = create(Files.REGULAR);
        static final java.awt.Font BOLD = create(Files.BOLD);

        private static java.awt.Font create(byte[] file) {
            try {
                return java.awt.Font.createFont(java.awt.Font.TRUETYPE_FONT, new ByteArrayInputStream(file));
            } catch (FontFormatException | IOException e) {
                throw new IllegalStateException("cannot load a report font into AWT", e);
            }
        }
    }
}
