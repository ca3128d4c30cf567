package com.nightshift.reporting.pdf;

import java.text.Normalizer;

/**
 * Makes any Unicode text showable in the report fonts ({@link ReportFonts}): a report must never fail,
 * nor draw an empty box, because a name contains a character the fonts lack. Text is first composed
 * (NFC, so a letter and its combining accent become the one accented letter the font has). A
 * character the fonts cover is kept; otherwise its compatibility decomposition is tried (a ligature
 * becomes its letters, an accented letter the fonts lack its base letter); otherwise it becomes
 * {@value #REPLACEMENT_TEXT}, the Unicode replacement character, so the gap stays visible (CJK
 * ideographs and emoji, for example). Tabs become spaces and other control characters are dropped,
 * except line feeds, which callers use to break lines. Stateless and thread-safe.
 */
final class ShowableText {

    /** What stands for a character the fonts cannot show. */
    static final char REPLACEMENT = '\uFFFD';
    static final String REPLACEMENT_TEXT = "\uFFFD";

    private ShowableText() {
    }

    static String clean(String text) {
        String composed = Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(composed.length());
        composed.codePoints().forEach(codePoint -> append(out, codePoint));
        return out.toString();
    }

    private static void append(StringBuilder out, int codePoint) {
        if (codePoint == '\n') {
            out.append('\n');
        } else if (codePoint == '\t') {
            out.append(' ');
        } else if (Character.isISOControl(codePoint)) {
            // Carriage returns and other controls have no glyph and no meaning on a page.
            return;
        } else if (ReportFonts.covers(codePoint)) {
            out.appendCodePoint(codePoint);
        } else {
            String decomposed = Normalizer.normalize(new String(Character.toChars(codePoint)), Normalizer.Form.NFKD);
            StringBuilder base = new StringBuilder();
            decomposed.codePoints()
                    .filter(part -> Character.getType(part) != Character.NON_SPACING_MARK)
                    .forEach(part -> base.appendCodePoint(
                            ReportFonts.covers(part) && !Character.isISOControl(part) ? part : REPLACEMENT));
            out.append(base.isEmpty() ? REPLACEMENT_TEXT : base);
        }
    }
}
