package com.nightshift.common.job;

import java.util.regex.Pattern;

/** The identifier rule shared by accounts, portfolios, job and report ids: safe in S3 keys and URLs. */
public final class JobIds {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    private JobIds() {
    }

    public static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    static void requireId(String value, String field) {
        if (!isValid(value)) {
            throw new IllegalArgumentException(field + " '" + value + "' must match " + ID.pattern());
        }
    }
}
