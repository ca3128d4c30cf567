package com.nightshift.reporting.pdf;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * Makes any Unicode text showable in a Standard 14 font, which encodes only WinAnsi (Latin-1 plus
 * a few typographic marks): a report must never fail because a name contains a character the font
 * lacks. A character the font can encode is kept; otherwise its compatibility decomposition is
 * tried ({@code ő} becomes {@code o}); otherwise it becomes {@value #REPLACEMENT}. Tabs become
 * spaces and other control characters are dropped, except line feeds, which callers use to break
 * lines. Not thread-safe: it caches answers per renderer run.
 */
final class WinAnsiText {

    static final char REPLACEMENT = '?';

    private final PDFont font;
    private final Map<Integer, Boolean> encodable = new HashMap<>();

    WinAnsiText(PDFont font) {
        this.font = font;
    }

    String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(codePoint -> append(out, codePoint));
        return out.toString();
    }

    private void append(StringBuilder out, int codePoint) {
        if (codePoint == '\n') {
            out.append('\n');
        } else if (codePoint == '\t') {
            out.append(' ');
        } else if (Character.isISOControl(codePoint)) {
            // Carriage returns and other controls have no glyph and no meaning on a page.
            return;
        } else if (canEncode(codePoint)) {
            out.appendCodePoint(codePoint);
        } else {
            String decomposed = Normalizer.normalize(new String(Character.toChars(codePoint)), Normalizer.Form.NFKD);
            StringBuilder base = new StringBuilder();
            decomposed.codePoints()
                    .filter(part -> Character.getType(part) != Character.NON_SPACING_MARK)
                    .forEach(part -> base.appendCodePoint(canEncode(part) && !Character.isISOControl(part) ? part : REPLACEMENT));
            out.append(base.isEmpty() ? String.valueOf(REPLACEMENT) : base);
        }
    }

    private boolean canEncode(int codePoint) {
        return encodable.computeIfAbsent(codePoint, this::tryEncode);
    }

    private boolean tryEncode(int codePoint) {
        try {
            font.encode(new String(Character.toChars(codePoint)));
            return true;
        } catch (IllegalArgumentException | java.io.IOException e) {
            // PDFBox signals "no glyph in this encoding" with IllegalArgumentException.
            return false;
        }
    }
}
