package com.nightshift.reporting.pdf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * A font at a size: measures and wraps text that {@link ShowableText} has already cleaned.
 * Immutable, but the advance widths it shares with the other sizes of its font are a cache that is
 * not thread-safe: one per rendered document.
 *
 * @param advances the font's advance widths, shared by every size of it
 */
record Typeface(PDFont font, float size, Advances advances) {

    private static final Pattern SPACES = Pattern.compile(" +");

    /** The font at a size, with a cache of its own. */
    Typeface(PDFont font, float size) {
        this(font, size, new Advances(font));
    }

    /** The same font at another size, sharing its advance widths. */
    Typeface atSize(float otherSize) {
        return new Typeface(font, otherSize, advances);
    }

    /** Distance between baselines of consecutive lines. */
    float leading() {
        return size * 1.25f;
    }

    float width(String text) {
        return advances.width(text) / 1000f * size;
    }

    /**
     * Breaks text into lines no wider than {@code maxWidth}: at line feeds, then at spaces, and
     * inside a word only when the word alone is too wide. Always at least one line.
     */
    List<String> wrap(String text, float maxWidth) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            wrapParagraph(paragraph, maxWidth, lines);
        }
        return lines;
    }

    /** The text cut to fit {@code maxWidth}, ending in an ellipsis when cut. */
    String truncate(String text, float maxWidth) {
        if (width(text) <= maxWidth) {
            return text;
        }
        String ellipsis = "\u2026";
        int end = text.length();
        while (end > 0 && width(text.substring(0, end) + ellipsis) > maxWidth) {
            end--;
        }
        return text.substring(0, end) + ellipsis;
    }

    private void wrapParagraph(String paragraph, float maxWidth, List<String> lines) {
        String[] words = SPACES.split(paragraph.trim());
        StringBuilder line = new StringBuilder();
        for (String word : words) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (width(candidate) <= maxWidth) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
            }
            String rest = word;
            while (width(rest) > maxWidth && rest.length() > 1) {
                int cut = longestPrefixThatFits(rest, maxWidth);
                lines.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            line.append(rest);
        }
        lines.add(line.toString());
    }

    private int longestPrefixThatFits(String word, float maxWidth) {
        int cut = 1;
        while (cut < word.length() && width(word.substring(0, cut + 1)) <= maxWidth) {
            cut++;
        }
        // Never split a surrogate pair (cleaned text has none, but keep the invariant local).
        if (Character.isHighSurrogate(word.charAt(cut - 1)) && cut < word.length()) {
            cut++;
        }
        return cut;
    }

    /**
     * The advance width of each character, in thousandths of an em, asked of the font once. Text is
     * measured many times while laying out (widest cell, wrapping, alignment), and PDFBox encodes the
     * whole string on every call; a sum of cached advances gives the same width (PDFBox applies no
     * kerning) several times faster. Not thread-safe.
     */
    static final class Advances {
        // Latin, Greek, Cyrillic and the general punctuation sit below U+3000: an array; the rest a map.
        private static final int DENSE = 0x3000;
        private final PDFont font;
        private final float[] dense = new float[DENSE];
        private final Map<Integer, Float> sparse = new HashMap<>();

        Advances(PDFont font) {
            this.font = font;
            Arrays.fill(dense, Float.NaN);
        }

        float width(String text) {
            float width = 0f;
            for (int i = 0; i < text.length(); ) {
                int codePoint = text.codePointAt(i);
                width += advance(codePoint);
                i += Character.charCount(codePoint);
            }
            return width;
        }

        private float advance(int codePoint) {
            if (codePoint < DENSE) {
                float cached = dense[codePoint];
                if (Float.isNaN(cached)) {
                    cached = measure(codePoint);
                    dense[codePoint] = cached;
                }
                return cached;
            }
            return sparse.computeIfAbsent(codePoint, this::measure);
        }

        private float measure(int codePoint) {
            try {
                return font.getStringWidth(new String(Character.toChars(codePoint)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot measure text in " + font.getName(), e);
            }
        }
    }
}
