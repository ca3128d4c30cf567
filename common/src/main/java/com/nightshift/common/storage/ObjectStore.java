package com.nightshift.common.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The services' view of S3: read, write, list. Every write replaces the object at its key, which is
 * what makes the stages idempotent (outputs are keyed by the identity of their inputs).
 */
public final class ObjectStore {

    private final S3Client s3;

    public ObjectStore(S3Client s3) {
        this.s3 = s3;
    }

    /** The object and its ETag in one request, or empty when there is no object at {@code ref}. */
    public Optional<ObjectContent> fetch(ObjectRef ref) {
        try {
            ResponseBytes<GetObjectResponse> response = s3.getObjectAsBytes(b -> b.bucket(ref.bucket()).key(ref.key()));
            GetObjectResponse meta = response.response();
            return Optional.of(new ObjectContent(new StoredObject(ref, unquote(meta.eTag()), meta.contentLength(),
                    meta.lastModified()), response.asByteArray()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    /**
     * The object, or the part of it {@code range} names, as a stream from S3 that is never held in
     * memory whole; empty when there is no object at {@code ref}. The caller closes the stream.
     *
     * @throws RangeNotSatisfiableException when {@code range} starts past the end of the object
     */
    public Optional<ObjectStream> stream(ObjectRef ref, Optional<ByteRange> range) {
        ResponseInputStream<GetObjectResponse> content;
        try {
            content = s3.getObject(b -> {
                b.bucket(ref.bucket()).key(ref.key());
                range.ifPresent(r -> b.range(r.header()));
            });
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 416 && range.isPresent()) {
                // S3 names the size only in its error document; a HEAD gives it for Content-Range.
                Optional<StoredObject> object = head(ref);
                if (object.isEmpty()) {
                    return Optional.empty();
                }
                throw new RangeNotSatisfiableException(ref, range.get(), object.get().size());
            }
            throw e;
        }
        GetObjectResponse meta = content.response();
        Optional<String> contentRange = Optional.ofNullable(meta.contentRange()).filter(r -> !r.isBlank());
        long size = contentRange.map(ObjectStore::wholeSize).orElse(meta.contentLength());
        return Optional.of(new ObjectStream(new StoredObject(ref, unquote(meta.eTag()), size, meta.lastModified()),
                contentRange, meta.contentLength(), content));
    }

    /** The whole size from a {@code Content-Range} value such as {@code bytes 0-99/1234}. */
    static long wholeSize(String contentRange) {
        return Long.parseLong(contentRange.substring(contentRange.lastIndexOf('/') + 1).strip());
    }

    public byte[] read(ObjectRef ref) {
        return s3.getObjectAsBytes(b -> b.bucket(ref.bucket()).key(ref.key())).asByteArray();
    }

    public Optional<StoredObject> head(ObjectRef ref) {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(ref.bucket()).key(ref.key()));
            return Optional.of(new StoredObject(ref, unquote(head.eTag()), head.contentLength(), head.lastModified()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public StoredObject put(ObjectRef ref, byte[] content, String contentType, Map<String, String> metadata) {
        var response = s3.putObject(b -> b.bucket(ref.bucket()).key(ref.key()).contentType(contentType).metadata(metadata),
                RequestBody.fromBytes(content));
        return new StoredObject(ref, unquote(response.eTag()), content.length, null);
    }

    public StoredObject put(ObjectRef ref, byte[] content, String contentType) {
        return put(ref, content, contentType, Map.of());
    }

    /**
     * Writes {@code content} at {@code ref} only when no object is there (S3's conditional write,
     * {@code If-None-Match: *}): true when this call created it, false when one was there already. Of
     * two concurrent calls for one key, exactly one gets true.
     */
    public boolean putIfAbsent(ObjectRef ref, byte[] content, String contentType) {
        try {
            s3.putObject(b -> b.bucket(ref.bucket()).key(ref.key()).contentType(contentType).ifNoneMatch("*"),
                    RequestBody.fromBytes(content));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 412) {
                return false;
            }
            throw e;
        }
    }

    /** Every object under {@code prefix}, in key order, across all result pages. */
    public List<StoredObject> list(String bucket, String prefix) {
        List<StoredObject> objects = new ArrayList<>();
        for (var page : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))) {
            for (S3Object object : page.contents()) {
                objects.add(new StoredObject(ObjectRef.of(bucket, object.key()), unquote(object.eTag()),
                        object.size(), object.lastModified()));
            }
        }
        return objects;
    }

    public void delete(ObjectRef ref) {
        s3.deleteObject(b -> b.bucket(ref.bucket()).key(ref.key()));
    }

    static String unquote(String etag) {
        if (etag == null) {
            return "";
        }
        return etag.startsWith("\"") && etag.endsWith("\"") && etag.length() >= 2
                ? etag.substring(1, etag.length() - 1) : etag;
    }
}
