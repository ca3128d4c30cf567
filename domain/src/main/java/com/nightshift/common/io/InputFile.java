package com.nightshift.common.io;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One input of a reconciliation as the manifest records it: a name the caller chooses (a file path, an S3
 * key) and the SHA-256 of the bytes that were read, as 64 lower-case hex digits. Immutable.
 */
public record InputFile(String name, String sha256) {

    private static final Pattern SHA_256 = Pattern.compile("[0-9a-f]{64}");

    public InputFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sha256, "sha256");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an input file needs a name");
        }
        if (!SHA_256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 of '" + name + "' must be 64 lower-case hex digits, was '"
                    + sha256 + "'");
        }
    }

    public static InputFile of(String name, String sha256) {
        return new InputFile(name, sha256);
    }

    /** A SHA-256 digest, for a caller that checksums while it reads (a {@link java.security.DigestInputStream}). */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The input called {@code name} whose bytes went through {@code digest}. */
    public static InputFile of(String name, MessageDigest digest) {
        return new InputFile(name, HexFormat.of().formatHex(digest.digest()));
    }
}
