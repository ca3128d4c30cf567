package com.nightshift.common.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.nightshift.common.aws.AwsClients;
import com.nightshift.common.emulator.LocalAws;
import com.nightshift.common.manifest.ManifestSigner;

import software.amazon.awssdk.services.s3.S3Client;

/** Objects through S3 semantics (the moto emulator): put, read, list, head, delete, and a pipeline's sink. */
class ObjectStoreTest {

    private static final String BUCKET = "store-test";

    @RegisterExtension
    static final LocalAws AWS = new LocalAws();
    private static ObjectStore store;

    @BeforeAll
    static void bucket() {
        S3Client s3 = AWS.client(AwsClients::s3);
        s3.createBucket(b -> b.bucket(BUCKET));
        store = new ObjectStore(s3);
    }

    @Test
    void a_conditional_put_creates_an_object_once_and_leaves_it_alone_after() {
        ObjectRef ref = ObjectRef.of(BUCKET, "claims/once.json");

        assertThat(store.putIfAbsent(ref, "first".getBytes(), "text/plain")).isTrue();
        assertThat(store.putIfAbsent(ref, "second".getBytes(), "text/plain")).isFalse();
        assertThat(new String(store.read(ref))).isEqualTo("first");
    }

    @Test
    void aPutObject_readsBack_isListedUnderItsPrefix_andIsGoneOnceDeleted() {
        ObjectRef ref = ObjectRef.of(BUCKET, "a/b/one.csv");
        StoredObject stored = store.put(ref, "x,y\n".getBytes(StandardCharsets.UTF_8), "text/csv",
                Map.of("source", "test"));

        assertThat(new String(store.read(ref), StandardCharsets.UTF_8)).isEqualTo("x,y\n");
        assertThat(store.head(ref)).hasValueSatisfying(h -> assertThat(h.size()).isEqualTo(4));
        assertThat(store.fetch(ref)).hasValueSatisfying(c -> assertThat(c.content()).hasSize(4));
        assertThat(store.list(BUCKET, "a/")).extracting(o -> o.ref().key()).contains("a/b/one.csv");
        assertThat(stored.ref()).isEqualTo(ref);

        store.delete(ref);
        assertThat(store.head(ref)).isEmpty();
        assertThat(store.fetch(ref)).isEmpty();
    }

    @Test
    void aSinkFile_appearsAsOneObjectWhenItsStreamCloses_andIsRemembered() throws Exception {
        S3OutputSink sink = new S3OutputSink(store, BUCKET, name -> "results/" + name);
        OutputStream out = sink.open("P1/result.json");
        out.write("{}".getBytes(StandardCharsets.UTF_8));
        assertThat(store.head(ObjectRef.of(BUCKET, "results/P1/result.json"))).isEmpty();

        out.close();
        out.close();

        assertThat(new String(store.read(ObjectRef.of(BUCKET, "results/P1/result.json")), StandardCharsets.UTF_8))
                .isEqualTo("{}");
        assertThat(sink.written()).containsEntry("results/P1/result.json",
                ManifestSigner.sha256("{}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aStreamedObject_holdsTheStoredBytes_withItsEtagAndSize() throws Exception {
        ObjectRef ref = ObjectRef.of(BUCKET, "streamed/whole.bin");
        byte[] content = bytes(1000);
        StoredObject stored = store.put(ref, content, "application/octet-stream");

        try (ObjectStream stream = store.stream(ref, Optional.empty()).orElseThrow()) {
            assertThat(stream.content().readAllBytes()).isEqualTo(content);
            assertThat(stream.object().etag()).isEqualTo(stored.etag());
            assertThat(stream.object().size()).isEqualTo(1000);
            assertThat(stream.length()).isEqualTo(1000);
            assertThat(stream.contentRange()).isEmpty();
        }
    }

    @Test
    void aRangedStream_holdsOnlyThatRange_andSaysWhereItIsInTheWhole() throws Exception {
        ObjectRef ref = ObjectRef.of(BUCKET, "streamed/ranged.bin");
        byte[] content = bytes(1000);
        store.put(ref, content, "application/octet-stream");

        try (ObjectStream stream = store.stream(ref, ByteRange.parse("bytes=100-199")).orElseThrow()) {
            assertThat(stream.content().readAllBytes()).isEqualTo(Arrays.copyOfRange(content, 100, 200));
            assertThat(stream.contentRange()).contains("bytes 100-199/1000");
            assertThat(stream.length()).isEqualTo(100);
            assertThat(stream.object().size()).isEqualTo(1000);
        }
        try (ObjectStream tail = store.stream(ref, ByteRange.parse("bytes=-10")).orElseThrow()) {
            assertThat(tail.content().readAllBytes()).isEqualTo(Arrays.copyOfRange(content, 990, 1000));
            assertThat(tail.contentRange()).contains("bytes 990-999/1000");
        }
    }

    @Test
    void aRangePastTheEnd_isNotSatisfiable_andNamesTheSize() {
        ObjectRef ref = ObjectRef.of(BUCKET, "streamed/short.bin");
        store.put(ref, bytes(50), "application/octet-stream");

        assertThatThrownBy(() -> store.stream(ref, ByteRange.parse("bytes=500-")))
                .isInstanceOfSatisfying(RangeNotSatisfiableException.class, e -> assertThat(e.size()).isEqualTo(50));
    }

    @Test
    void streamingAMissingObject_findsNothing() {
        assertThat(store.stream(ObjectRef.of(BUCKET, "streamed/absent.bin"), Optional.empty())).isEmpty();
        assertThat(store.stream(ObjectRef.of(BUCKET, "streamed/absent.bin"), ByteRange.parse("bytes=0-1"))).isEmpty();
    }

    @Test
    void rangeHeaders_parseToOneRange_orToNothingWhenTheyCannotBeServed() {
        assertThat(ByteRange.parse("bytes=0-99")).map(ByteRange::header).contains("bytes=0-99");
        assertThat(ByteRange.parse("bytes=100-")).map(ByteRange::header).contains("bytes=100-");
        assertThat(ByteRange.parse("bytes=-20")).map(ByteRange::header).contains("bytes=-20");
        assertThat(ByteRange.parse("bytes=5-1")).isEmpty();
        assertThat(ByteRange.parse("bytes=0-1,5-9")).isEmpty();
        assertThat(ByteRange.parse("items=0-1")).isEmpty();
        assertThat(ByteRange.parse("bytes=-")).isEmpty();
        assertThat(ByteRange.parse(null)).isEmpty();
    }

    private static byte[] bytes(int length) {
        byte[] content = new byte[length];
        for (int i = 0; i < length; i++) {
            content[i] = (byte) (i * 31 + 7);
        }
        return content;
    }

    @Test
    void contentTypes_followTheFileKind() {
        assertThat(S3OutputSink.contentType("a/var.json")).isEqualTo("application/json");
        assertThat(S3OutputSink.contentType("a/matches.csv")).startsWith("text/csv");
        assertThat(S3OutputSink.contentType("a/0-100.bin")).isEqualTo("application/octet-stream");
    }
}
