package com.nightshift.common.transaction;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An account identifier: 1 to 64 characters from {@code [A-Za-z0-9._-]}.
 *
 * <p>Immutable. The character set is the contract of docs/architecture.md: the value appears as a
 * segment of S3 keys and in report ids, so nothing else may reach it. {@link #toString()} is the
 * value itself.
 */
public record AccountId(String value) implements Comparable<AccountId> {

    /** The rule every account identifier matches. */
    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** How the rule reads in a rejection reason. */
    public static final String RULE = "must be 1 to 64 characters from [A-Za-z0-9._-]";

    public AccountId {
        Objects.requireNonNull(value, "value");
        if (!isValid(value)) {
            throw new IllegalArgumentException("account '" + value + "' " + RULE);
        }
    }

    /** {@link #PATTERN}, checked by hand: every row of every transaction file has an account. */
    private static boolean isValid(String value) {
        int length = value.length();
        if (length < 1 || length > 64) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            boolean allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    public static AccountId of(String value) {
        return new AccountId(value);
    }

    @Override
    public int compareTo(AccountId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
