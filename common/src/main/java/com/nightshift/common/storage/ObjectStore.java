package com.nightshift.common.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.core.ResponseBytes;
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
