package com.nightshift.common.storage;

/** An object read whole: what S3 says about it (ETag without quotes, size) and its bytes. */
public record ObjectContent(StoredObject object, byte[] content) {
}
