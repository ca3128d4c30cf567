package com.nightshift.reporting.pdf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * A font at a size: measures and wraps text that {@link WinAnsiText} has already cleaned.
 * Immutable.
 */
record Typeface(PDFont font, float size) {

    /** Distance between baselines of consecutive lines. */
    float leading() {
        return size * 1.25f;
    }

    float width(String text) {
        try {
            return font.getStringWidth(text) / 1000f * size;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure text in " + font.getName(), e);
        }
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
        String[] words = paragraph.trim().split(" +");
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
}
