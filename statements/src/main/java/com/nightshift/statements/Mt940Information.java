package com.nightshift.statements;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the {@code :86:} fields of one MT940 entry say: a description, a counterparty name and an
 * end-to-end reference, from whichever of the common layouts the text uses.
 *
 * <ul>
 *   <li>German sub-fields (a three-digit transaction code, then {@code ?00}, {@code ?10},
 *       {@code ?20}..{@code ?29}, {@code ?32}, {@code ?33} ...): description = {@code ?20}..{@code ?29},
 *       counterparty = {@code ?32} followed by {@code ?33}, reference = the {@code EREF+} value inside
 *       {@code ?20}..{@code ?29}. Lines are unwrapped (joined without a separator) first, because a
 *       sub-field wraps at a fixed width, mid-word.</li>
 *   <li>Anything else: description = the lines joined with spaces; counterparty = {@code /NAME/...} or
 *       the third part of {@code /CNTP/iban/bic/name/}; reference = {@code /EREF/...} or
 *       {@code EREF+...}.</li>
 * </ul>
 * An end-to-end reference of {@code NOTPROVIDED} counts as none. Immutable.
 */
record Mt940Information(String description, String counterparty, String endToEndReference) {

    private static final Pattern GERMAN = Pattern.compile("\\s*(\\d{3})?\\?\\d{2}.*", Pattern.DOTALL);
    private static final Pattern SUBFIELD = Pattern.compile("\\?(\\d{2})");
    private static final Pattern SEPA_EREF = Pattern.compile(
            "EREF\\+(.*?)(?=(KREF|MREF|CRED|DEBT|SVWZ|ABWA|ABWE|IBAN|BIC|COAM|OAMT|SQTP|PURP)\\+|$)");
    private static final Pattern SLASH_EREF = Pattern.compile("/EREF/([^/]*)");
    private static final Pattern SLASH_NAME = Pattern.compile("/NAME/([^/]*)");
    private static final Pattern SLASH_CNTP = Pattern.compile("/CNTP/[^/]*/[^/]*/([^/]*)");

    static Mt940Information of(List<List<String>> fields) {
        List<String> lines = new ArrayList<>();
        fields.forEach(lines::addAll);
        String unwrapped = String.join("", lines);
        if (GERMAN.matcher(unwrapped).matches()) {
            return german(unwrapped);
        }
        return new Mt940Information(StatementText.description(lines), first(SLASH_NAME, unwrapped)
                .orElse(first(SLASH_CNTP, unwrapped).orElse("")), endToEnd(unwrapped));
    }

    private static Mt940Information german(String text) {
        Map<Integer, StringBuilder> subfields = new TreeMap<>();
        Matcher marker = SUBFIELD.matcher(text);
        int key = -1;
        int from = 0;
        while (marker.find()) {
            if (key >= 0) {
                subfields.computeIfAbsent(key, k -> new StringBuilder()).append(text, from, marker.start());
            }
            key = Integer.parseInt(marker.group(1));
            from = marker.end();
        }
        if (key >= 0) {
            subfields.computeIfAbsent(key, k -> new StringBuilder()).append(text.substring(from));
        }
        List<String> purpose = new ArrayList<>();
        StringBuilder purposeUnwrapped = new StringBuilder();
        subfields.forEach((number, value) -> {
            if (number >= 20 && number <= 29) {
                purpose.add(value.toString());
                purposeUnwrapped.append(value);
            }
        });
        String name = subfields.getOrDefault(32, new StringBuilder()) + ""
                + subfields.getOrDefault(33, new StringBuilder());
        return new Mt940Information(StatementText.description(purpose), name.strip(),
                endToEnd(purposeUnwrapped.toString()));
    }

    private static String endToEnd(String text) {
        String reference = first(SEPA_EREF, text).or(() -> first(SLASH_EREF, text)).orElse("");
        return "NOTPROVIDED".equalsIgnoreCase(reference) ? "" : reference;
    }

    private static Optional<String> first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() && !m.group(1).isBlank() ? Optional.of(m.group(1).strip()) : Optional.empty();
    }
}
