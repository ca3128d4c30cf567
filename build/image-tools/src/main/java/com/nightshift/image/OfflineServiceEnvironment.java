package com.nightshift.image;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables a service's task definition gives it (every service's, so one set starts any of them),
 * with every AWS endpoint, queue and collector on a loopback port where nothing listens: the service
 * starts as on Fargate, and every call it makes out fails at once rather than reach anything. The
 * build starts services this way to train an image's ahead-of-time cache and to check that the image
 * starts from it; the keys are throw-away values, not secrets.
 */
public final class OfflineServiceEnvironment {

    private OfflineServiceEnvironment() {
    }

    /** The variables, with a loopback port found closed just now. */
    public static Map<String, String> variables() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        return variables(closed);
    }

    /** The variables, with every endpoint at {@code http://127.0.0.1:<closedPort>}. */
    public static Map<String, String> variables(int closedPort) {
        String endpoint = "http://127.0.0.1:" + closedPort;
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("AWS_REGION", "us-east-1");
        variables.put("AWS_ACCESS_KEY_ID", "offline");
        variables.put("AWS_SECRET_ACCESS_KEY", "offline");
        variables.put("AWS_ENDPOINT_URL", endpoint);
        for (String bucket : new String[] {"DATA_BUCKET", "STAGING_BUCKET", "OUTPUT_BUCKET"}) {
            variables.put(bucket, "offline-" + bucket.toLowerCase().replace('_', '-'));
        }
        for (String queue : new String[] {"INGEST", "RECON", "RISK", "REPORT"}) {
            variables.put(queue + "_QUEUE_URL", endpoint + "/000000000000/offline-" + queue.toLowerCase());
        }
        variables.put("NOTIFICATION_TOPIC_ARN", "arn:aws:sns:us-east-1:000000000000:offline-jobs");
        variables.put("METRICS_NAMESPACE", "Nightshift/Offline");
        variables.put("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint);
        // -1: a free port of the system's choosing, so that starts never collide.
        variables.put("MICRONAUT_SERVER_PORT", "-1");
        variables.put("MANIFEST_SIGNING_KEY", "offline-manifest-signing-key-0123456789abcdef0123456789abcdef");
        variables.put("REPORTS_TOKEN_KEY", "offline-reports-token-key-0123456789abcdef0123456789abcdef");
        variables.put("REPORTS_PRESIGN_SECONDS", "300");
        return variables;
    }
}
