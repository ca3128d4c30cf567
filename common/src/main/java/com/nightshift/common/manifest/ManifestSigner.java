package com.nightshift.common.manifest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.nightshift.common.json.JsonCodec;

/**
 * Signs and verifies result manifests with HMAC-SHA256. The key is the application secret's
 * {@code manifestSigningKey}, injected as {@code MANIFEST_SIGNING_KEY}; it never appears in a log.
 */
public final class ManifestSigner {

    public static final String KEY_VARIABLE = "MANIFEST_SIGNING_KEY";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    private ManifestSigner(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /** A signer for {@code key}; a blank key is refused, because an unsigned manifest proves nothing. */
    public static ManifestSigner withKey(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException(KEY_VARIABLE + " is not set: the service needs the application secret");
        }
        return new ManifestSigner(key.getBytes(StandardCharsets.UTF_8));
    }

    public ResultManifest sign(ResultManifest manifest) {
        return manifest.withSignature(signature(manifest));
    }

    public boolean verify(ResultManifest manifest) {
        return MessageDigest.isEqual(signature(manifest).getBytes(StandardCharsets.US_ASCII),
                manifest.signature().getBytes(StandardCharsets.US_ASCII));
    }

    private String signature(ResultManifest manifest) {
        // The canonical form is the JSON of the manifest with an empty signature (properties sorted).
        byte[] canonical = JsonCodec.write(manifest.withSignature("")).getBytes(StandardCharsets.UTF_8);
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
