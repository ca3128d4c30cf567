package com.nightshift.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.nightshift.common.aws.AwsClients;
import com.nightshift.common.emulator.LocalAws;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/** Emptying buckets on the moto emulator. */
class BucketPurgeTest {

    @RegisterExtension
    static final LocalAws AWS = new LocalAws();
    private static S3Client s3;

    @BeforeAll
    static void clients() {
        s3 = AWS.client(AwsClients::s3);
    }

    @Test
    void purge_deletes_every_version_and_delete_marker_so_the_bucket_can_be_deleted() {
        s3.createBucket(b -> b.bucket("versioned"));
        s3.putBucketVersioning(b -> b.bucket("versioned").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        for (int i = 0; i < 3; i++) {
            int n = i;
            s3.putObject(b -> b.bucket("versioned").key("a/" + n), RequestBody.fromString("first"));
            s3.putObject(b -> b.bucket("versioned").key("a/" + n), RequestBody.fromString("second"));
            s3.deleteObject(b -> b.bucket("versioned").key("a/" + n));
        }

        assertThat(new BucketPurge(s3).purge("versioned")).isEqualTo(9);
        assertThat(s3.listObjectVersions(b -> b.bucket("versioned")).hasVersions()
                && !s3.listObjectVersions(b -> b.bucket("versioned")).versions().isEmpty()).isFalse();
        s3.deleteBucket(b -> b.bucket("versioned"));
    }

    @Test
    void purge_of_a_missing_bucket_deletes_nothing() {
        assertThat(new BucketPurge(s3).purge("no-such-bucket")).isZero();
    }
}
