package com.nightshift.statements;

import com.nightshift.common.csv.InvalidFieldException;
import com.nightshift.common.transaction.AccountId;
import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Text rules every statement reader shares: how a bank's account number becomes an {@link AccountId},
 * and how free text becomes a bounded, single-line description.
 */
final class StatementText {

    /** The longest description a reader produces; longer remittance text is cut here. */
    static final int MAX_DESCRIPTION = 1_000;

    private static final Pattern OUTSIDE_ACCOUNT_CHARSET = Pattern.compile("[^A-Za-z0-9._-]+");
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00A0]+");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\t\\n\\r]]");

    private StatementText() {
    }

    /**
     * The account id for a bank's account text: surrounding whitespace removed, every run of characters
     * outside {@code [A-Za-z0-9._-]} replaced by one {@code -}, and such a run at either end dropped.
     * {@code 12345678/0123456789} becomes {@code 12345678-0123456789}; {@code NL84RABO0121212121 EUR}
     * becomes {@code NL84RABO0121212121-EUR}. An IBAN is unchanged.
     *
     * @param field how the field is named in a rejection reason, e.g. {@code :25:} or {@code Acct/Id/IBAN}
     */
    static AccountId account(String field, String raw) throws InvalidFieldException {
        if (raw == null || raw.isBlank()) {
            throw new InvalidFieldException(field + " (account) is missing");
        }
        String trimmed = raw.strip();
        String mapped = OUTSIDE_ACCOUNT_CHARSET.matcher(trimmed).replaceAll("-");
        // A run at either end came from characters outside the set, not from the bank's own '-': drop it.
        if (outsideCharset(trimmed.charAt(0))) {
            mapped = mapped.substring(1);
        }
        if (!mapped.isEmpty() && outsideCharset(trimmed.charAt(trimmed.length() - 1))) {
            mapped = mapped.substring(0, mapped.length() - 1);
        }
        if (!AccountId.PATTERN.matcher(mapped).matches()) {
            throw new InvalidFieldException(field + " (account) '" + raw.strip() + "' gives '" + mapped + "', which "
                    + AccountId.RULE);
        }
        return AccountId.of(mapped);
    }

    private static boolean outsideCharset(char c) {
        return OUTSIDE_ACCOUNT_CHARSET.matcher(String.valueOf(c)).matches();
    }

    /** Whitespace runs (line breaks included) become one space, control characters go, the ends are trimmed. */
    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        return WHITESPACE.matcher(CONTROL.matcher(text).replaceAll("")).replaceAll(" ").strip();
    }

    /** {@link #oneLine} of the parts joined by spaces, cut to {@link #MAX_DESCRIPTION} characters. */
    static String description(Collection<String> parts) {
        String joined = oneLine(String.join(" ", parts));
        return joined.length() <= MAX_DESCRIPTION ? joined : joined.substring(0, MAX_DESCRIPTION).strip();
    }

    /** The first argument that is neither null nor blank, stripped; empty if there is none. */
    static String firstPresent(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate.strip();
            }
        }
        return "";
    }
}
