package com.nightshift.reconciliation;

import java.text.Normalizer;
import java.util.Arrays;

/**
 * How references and counterparties are compared, and how references are found in remittance text.
 *
 * <p>The normalised form of a text is its Unicode NFKC form (so full-width {@code ＩＮＶ１} and the
 * ligature {@code ﬁ} read as {@code INV1} and {@code fi}), with everything but letters and digits
 * removed, upper-cased code point by code point: {@code "inv-2026/0042 "} becomes {@code "INV20260042"}.
 * Two references are equal when their normalised forms are equal and not empty; an empty normalised form
 * equals nothing.
 *
 * <p>A reference is found in a text when its normalised form is a run of the text's normalised form that
 * starts and ends at word boundaries of the text (a word being a run of letters and digits) and is at
 * least {@value #MIN_TEXT_REFERENCE_LENGTH} characters long: {@code INV20260042} is found in
 * {@code "Payment /INV-2026-0042/ thank you"} and in {@code "inv 2026 0042"}, but not in
 * {@code "XINV20260042"} or {@code "INV202600421"}. Stateless.
 */
final class References {

    /** Shorter references are not searched for in texts: too many words would look like them. */
    static final int MIN_TEXT_REFERENCE_LENGTH = 4;

    private References() {
    }

    /** The normalised form of {@code text}; the same instance when it is already normalised. */
    static String normalise(String text) {
        int length = text.length();
        boolean ascii = true;
        boolean unchanged = true;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                ascii = false;
                break;
            }
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                unchanged = false;
            }
        }
        if (ascii) {
            if (unchanged) {
                return text;
            }
            char[] kept = new char[length];
            int n = 0;
            for (int i = 0; i < length; i++) {
                char c = text.charAt(i);
                if (c >= 'a' && c <= 'z') {
                    kept[n++] = (char) (c - ('a' - 'A'));
                } else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                    kept[n++] = c;
                }
            }
            return new String(kept, 0, n);
        }
        String compatible = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder kept = new StringBuilder(compatible.length());
        compatible.codePoints().filter(Character::isLetterOrDigit).map(Character::toUpperCase)
                .forEach(kept::appendCodePoint);
        return kept.toString();
    }

    /** A text in normalised form, with where its words start, for finding references in it. */
    static final class Words {

        private static final Words EMPTY = new Words("", new boolean[] {true});

        final String text;
        /** {@code boundary[i]}: a word starts at {@code i}, or {@code i} is the end of the text. */
        private final boolean[] boundary;

        private Words(String text, boolean[] boundary) {
            this.text = text;
            this.boundary = boundary;
        }

        static Words of(String raw) {
            if (raw.isEmpty()) {
                return EMPTY;
            }
            String source = raw;
            for (int i = 0; i < raw.length(); i++) {
                if (raw.charAt(i) >= 0x80) {
                    source = Normalizer.normalize(raw, Normalizer.Form.NFKC);
                    break;
                }
            }
            StringBuilder text = new StringBuilder(source.length());
            boolean[] boundary = new boolean[source.length() * 2 + 1];
            boolean inWord = false;
            for (int i = 0; i < source.length(); ) {
                int cp = source.codePointAt(i);
                i += Character.charCount(cp);
                if (Character.isLetterOrDigit(cp)) {
                    if (!inWord) {
                        boundary[text.length()] = true;
                        inWord = true;
                    }
                    text.appendCodePoint(Character.toUpperCase(cp));
                } else {
                    inWord = false;
                }
            }
            boundary[text.length()] = true;
            return new Words(text.toString(), Arrays.copyOf(boundary, text.length() + 1));
        }

        int length() {
            return text.length();
        }

        boolean isBoundary(int index) {
            return boundary[index];
        }
    }
}
