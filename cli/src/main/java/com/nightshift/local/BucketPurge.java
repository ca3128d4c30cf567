package com.nightshift.local;

import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * Empties a bucket completely: every version of every object and every delete marker, so that
 * CloudFormation can delete it (it refuses a bucket that holds anything, and a versioned bucket
 * still holds its old versions after every current object is deleted).
 */
public final class BucketPurge {

    /** DeleteObjects takes at most this many keys a request. */
    private static final int BATCH = 1000;

    private final S3Client s3;

    public BucketPurge(S3Client s3) {
        this.s3 = s3;
    }

    /**
     * Deletes everything in {@code bucket} and returns how many versions and delete markers went; a
     * bucket that does not exist counts as empty (0).
     *
     * @throws IllegalStateException naming the bucket and key when S3 refuses to delete a version
     */
    public int purge(String bucket) {
        int deleted = 0;
        try {
            // Listing again from the start after each batch: the deleted entries are gone from the listing.
            while (true) {
                ListObjectVersionsResponse page = s3.listObjectVersions(b -> b.bucket(bucket).maxKeys(BATCH));
                List<ObjectIdentifier> batch = new ArrayList<>();
                page.versions().forEach(v -> batch.add(ObjectIdentifier.builder().key(v.key()).versionId(v.versionId()).build()));
                page.deleteMarkers().forEach(m -> batch.add(ObjectIdentifier.builder().key(m.key()).versionId(m.versionId()).build()));
                if (batch.isEmpty()) {
                    return deleted;
                }
                for (int from = 0; from < batch.size(); from += BATCH) {
                    List<ObjectIdentifier> part = batch.subList(from, Math.min(batch.size(), from + BATCH));
                    DeleteObjectsResponse response = s3.deleteObjects(b -> b.bucket(bucket)
                            .delete(d -> d.objects(part).quiet(true)));
                    if (!response.errors().isEmpty()) {
                        var error = response.errors().getFirst();
                        throw new IllegalStateException("bucket " + bucket + ": cannot delete " + error.key() + " version "
                                + error.versionId() + ": " + error.code() + " " + error.message()
                                + (response.errors().size() > 1 ? " (and " + (response.errors().size() - 1) + " more)" : ""));
                    }
                    deleted += part.size();
                }
            }
        } catch (NoSuchBucketException gone) {
            return deleted;
        }
    }
}
