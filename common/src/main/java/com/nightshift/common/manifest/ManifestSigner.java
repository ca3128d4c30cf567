package com.nightshift.common.manifest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.nightshift.common.json.JsonCodec;

/**
 * Signs and verifies results with HMAC-SHA256. The key is the application secret's
 * {@code manifestSigningKey}, injected as {@code MANIFEST_SIGNING_KEY}; it never appears in a log.
 *
 * <p>A result document ({@link SignedDocument}: a reconciliation's {@code result.json}, a run's
 * {@code var.json}) is signed over its canonical bytes, so the signature covers every figure, not only
 * the manifest. Its signature reads {@code hmac-sha256:<key id>:<64 hex digits>}; the key id is the first
 * 16 hex digits of the SHA-256 of the key, so that a verifier can tell "signed with another key" from
 * "changed after signing" without the key being revealed (docs/audit.md). Manifests that travel without a
 * result document (the ingestion summary, a backtest) are still signed over the manifest alone
 * ({@link #sign(ResultManifest)}), as a bare 64-digit hex HMAC.
 */
public final class ManifestSigner {

    public static final String KEY_VARIABLE = "MANIFEST_SIGNING_KEY";
    /** The scheme named at the start of a document signature. */
    public static final String SCHEME = "hmac-sha256";
    private static final String ALGORITHM = "HmacSHA256";
    private static final Pattern DOCUMENT_SIGNATURE = Pattern.compile(SCHEME + ":([0-9a-f]{16}):([0-9a-f]{64})");

    private final SecretKeySpec key;
    private final String keyId;

    private ManifestSigner(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.keyId = sha256(key).substring(0, 16);
    }

    /** A signer for {@code key}; a blank key is refused, because an unsigned manifest proves nothing. */
    public static ManifestSigner withKey(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException(KEY_VARIABLE + " is not set: the service needs the application secret");
        }
        return new ManifestSigner(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The id of this signer's key: the first 16 hex digits of its SHA-256. */
    public String keyId() {
        return keyId;
    }

    /** The manifest alone, signed (for manifests that travel without a result document). */
    public ResultManifest sign(ResultManifest manifest) {
        return manifest.withSignature(manifestSignature(manifest));
    }

    /** Whether a manifest signed by {@link #sign(ResultManifest)} carries this key's signature over its content. */
    public boolean verify(ResultManifest manifest) {
        return MessageDigest.isEqual(manifestSignature(manifest).getBytes(StandardCharsets.US_ASCII),
                manifest.signature().getBytes(StandardCharsets.US_ASCII));
    }

    /** The document, signed over its canonical bytes: every figure and its manifest. */
    public <T extends SignedDocument<T>> T sign(T document) {
        return document.withSignature(SCHEME + ":" + keyId + ":" + hmac(document.canonicalBytes()));
    }

    /** What checking {@code document}'s signature with this key finds. */
    public Verdict verify(SignedDocument<?> document) {
        String signature = document.signature();
        if (signature.isEmpty()) {
            return Verdict.NOT_SIGNED;
        }
        Matcher parts = DOCUMENT_SIGNATURE.matcher(signature);
        if (!parts.matches()) {
            return Verdict.UNKNOWN_SCHEME;
        }
        if (!parts.group(1).equals(keyId)) {
            return Verdict.OTHER_KEY;
        }
        boolean equal = MessageDigest.isEqual(hmac(document.canonicalBytes()).getBytes(StandardCharsets.US_ASCII),
                parts.group(2).getBytes(StandardCharsets.US_ASCII));
        return equal ? Verdict.VALID : Verdict.CONTENT_CHANGED;
    }

    /** The key id written in a document signature, if it has one of this scheme. */
    public static java.util.Optional<String> keyIdOf(String signature) {
        Matcher parts = DOCUMENT_SIGNATURE.matcher(signature);
        return parts.matches() ? java.util.Optional.of(parts.group(1)) : java.util.Optional.empty();
    }

    /** The outcome of verifying a document's signature. */
    public enum Verdict {
        /** The signature is this key's HMAC of the document as it is. */
        VALID,
        /** The document has an empty signature: it was written without a key. */
        NOT_SIGNED,
        /** The signature is not {@code hmac-sha256:<key id>:<hex>} (for example a manifest-only signature). */
        UNKNOWN_SCHEME,
        /** The signature names another key id: it cannot be checked with this key. */
        OTHER_KEY,
        /** The signature names this key but does not match: something was changed after signing. */
        CONTENT_CHANGED
    }

    private String manifestSignature(ResultManifest manifest) {
        // The canonical form is the JSON of the manifest with an empty signature (properties sorted).
        return hmac(JsonCodec.write(manifest.withSignature("")).getBytes(StandardCharsets.UTF_8));
    }

    private String hmac(byte[] canonical) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(canonical));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The SHA-256 of some bytes, hex encoded: the checksum recorded for each input. */
    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
