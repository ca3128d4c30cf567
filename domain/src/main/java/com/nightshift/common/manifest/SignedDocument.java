package com.nightshift.common.manifest;

/**
 * A result document whose signature covers the whole document: every figure and its manifest. The
 * signature is made over {@link #canonicalBytes()}, the document as {@code DocumentJson} writes it with
 * the signature field empty, so changing any figure, any input checksum or any parameter after signing
 * breaks it (docs/audit.md). Signing and verifying stay with {@code ManifestSigner} in module
 * {@code common}; the documents only say what their canonical form is.
 *
 * @param <T> the document type, so that {@link #withSignature} returns the same type
 */
public interface SignedDocument<T extends SignedDocument<T>> {

    /** The signature written in the document; empty when it was not signed. */
    String signature();

    /** The same document with {@code value} as its signature. */
    T withSignature(String value);

    /** The bytes the signature covers: the document as written, with an empty signature. */
    byte[] canonicalBytes();
}
