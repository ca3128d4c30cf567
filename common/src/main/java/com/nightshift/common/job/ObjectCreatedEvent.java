package com.nightshift.common.job;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.nightshift.common.json.JsonCodec;
import com.nightshift.common.storage.ObjectRef;

/**
 * An S3 "Object Created" event as EventBridge delivers it to SQS:
 * {@code {"source":"aws.s3","detail-type":"Object Created","detail":{"bucket":{"name":…},"object":{"key":…,"etag":…,"size":…}}}}.
 */
public record ObjectCreatedEvent(ObjectRef object, String etag, long size) {

    /**
     * The key as the event gives it, then its URL-decoded form when that differs: S3's direct
     * notifications URL-encode keys ("a b.csv" arrives as "a+b.csv"), and a consumer must not depend
     * on which path an event took.
     */
    public List<ObjectRef> candidateObjects() {
        String decoded = URLDecoder.decode(object.key(), StandardCharsets.UTF_8);
        return decoded.equals(object.key()) ? List.of(object) : List.of(object, ObjectRef.of(object.bucket(), decoded));
    }

    /** Parses the message body; anything that is not an S3 Object Created event is an {@link IllegalArgumentException}. */
    public static ObjectCreatedEvent parse(String body) {
        JsonNode event;
        try {
            event = JsonCodec.mapper().readTree(body);
        } catch (Exception e) {
            throw new IllegalArgumentException("message is not JSON: " + e.getMessage(), e);
        }
        if (event == null || !"aws.s3".equals(event.path("source").asText())
                || !"Object Created".equals(event.path("detail-type").asText())) {
            throw new IllegalArgumentException("message is not an S3 Object Created event (source '"
                    + (event == null ? "" : event.path("source").asText()) + "', detail-type '"
                    + (event == null ? "" : event.path("detail-type").asText()) + "')");
        }
        JsonNode detail = event.path("detail");
        String bucket = detail.path("bucket").path("name").asText("");
        String key = detail.path("object").path("key").asText("");
        if (bucket.isEmpty() || key.isEmpty()) {
            throw new IllegalArgumentException("S3 event has no detail.bucket.name or detail.object.key");
        }
        return new ObjectCreatedEvent(ObjectRef.of(bucket, key), detail.path("object").path("etag").asText(""),
                detail.path("object").path("size").asLong(-1));
    }
}
