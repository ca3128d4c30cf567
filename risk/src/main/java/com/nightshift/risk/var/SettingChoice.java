package com.nightshift.risk.var;

import java.util.Arrays;
import java.util.Locale;

/**
 * A setting that takes one of a few named values (sampling method, return model, revaluation): its
 * name on command lines, in task definitions and in {@code var.json} is {@link #id()}.
 */
interface SettingChoice {

    /** The name used on command lines, in settings and in {@code var.json}. */
    String id();

    /**
     * The value of {@code type} whose {@link #id()} is {@code id}, in any case and ignoring surrounding
     * blanks.
     *
     * @throws IllegalArgumentException naming the {@code kind} of setting and the accepted values
     */
    static <E extends Enum<E> & SettingChoice> E of(Class<E> type, String id, String kind) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        for (E value : type.getEnumConstants()) {
            if (value.id().equals(wanted)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown " + kind + " '" + id + "'; expected one of "
                + Arrays.stream(type.getEnumConstants()).map(SettingChoice::id).toList());
    }
}
