package com.nightshift.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An HTTP/1.1 proxy on loopback in front of the AWS emulator that answers some requests with faults:
 * an error status (500, 503 SlowDown), a delay, a dropped connection, a request held until its
 * client goes away, or one held until the test lets it through. Every other request is forwarded unchanged, one upstream connection each.
 *
 * <p>A service started with {@code AWS_ENDPOINT_URL} pointing here sees S3 and SQS misbehave as they
 * do on a bad day, while the emulator behind stays correct. Faults follow a plan of {@link Rule}s, each
 * serving its fault to the first {@code times} requests it matches; every request is recorded with the
 * fault it got. Written by hand because the fault kinds needed (AWS error documents, holding a request
 * until its client dies) are what general-purpose proxies do not offer; it only speaks plain HTTP/1.1.
 */
final class FaultInjectingProxy implements AutoCloseable {

    /** A request as the proxy read it: method, target (path and query), headers by lower-case name, body. */
    record Request(String method, String target, Map<String, String> headers, byte[] body) {

        /** The SQS action ({@code X-Amz-Target: AmazonSQS.ReceiveMessage} gives ReceiveMessage), or empty for S3. */
        String sqsAction() {
            String target = headers.getOrDefault("x-amz-target", "");
            return target.startsWith("AmazonSQS.") ? target.substring("AmazonSQS.".length()) : "";
        }

        /** An S3 request of {@code method} on a key that contains {@code keyPart} (path-style addressing). */
        boolean isS3(String s3Method, String keyPart) {
            return sqsAction().isEmpty() && method.equals(s3Method) && target.contains(keyPart);
        }

        String summary() {
            String action = sqsAction();
            return action.isEmpty() ? method + " " + target : "SQS " + action;
        }
    }

    /** What the proxy does instead of (or before) forwarding a request. */
    sealed interface Fault {
        /** An AWS error answer: S3's XML error document or SQS's JSON one, with this status and code. */
        record Answer(int status, String code) implements Fault {
        }

        /** Forwarded after this delay. */
        record Delay(Duration delay) implements Fault {
        }

        /** The connection is closed without an answer, after the request was read. */
        record Drop() implements Fault {
        }

        /** Never forwarded and never answered: held until the client closes the connection. */
        record Hold() implements Fault {
        }

        /** Forwarded once {@code open} is counted down by the test: a request held until something else happened. */
        record Gate(CountDownLatch open) implements Fault {
        }
    }

    /** Serves {@code fault} to the first {@code times} requests that {@code matches} accepts. */
    static final class Rule {
        private final String name;
        private final Predicate<Request> matches;
        private final Fault fault;
        private final AtomicInteger remaining;

        Rule(String name, Predicate<Request> matches, Fault fault, int times) {
            this.name = name;
            this.matches = matches;
            this.fault = fault;
            this.remaining = new AtomicInteger(times);
        }

        boolean claim(Request request) {
            return matches.test(request) && remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        }
    }

    /** One request the proxy received: when, what, and the rule whose fault it got (empty: forwarded as is). */
    record Exchange(Instant at, String request, String rule) {
        boolean faulted() {
            return !rule.isEmpty();
        }
    }

    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};

    private final URI upstream;
    private final ServerSocket server;
    private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private volatile boolean open = true;

    private FaultInjectingProxy(URI upstream, ServerSocket server) {
        this.upstream = upstream;
        this.server = server;
    }

    /** A proxy on a free loopback port forwarding to {@code upstream} (an {@code http://host:port} URI). */
    static FaultInjectingProxy start(URI upstream) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        FaultInjectingProxy proxy = new FaultInjectingProxy(upstream, server);
        Thread.ofPlatform().daemon().name("fault-proxy-accept").start(proxy::accept);
        return proxy;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Adds a rule to the plan; rules are tried in the order they were added. */
    FaultInjectingProxy inject(String name, Predicate<Request> matches, Fault fault, int times) {
        rules.add(new Rule(name, matches, fault, times));
        return this;
    }

    /** Every request received so far, in arrival order. */
    List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    /** How many requests got the fault of rule {@code name}. */
    long served(String name) {
        return exchanges.stream().filter(e -> e.rule().equals(name)).count();
    }

    private void accept() {
        while (open) {
            try {
                Socket client = server.accept();
                connections.submit(() -> serve(client));
            } catch (IOException e) {
                if (open) {
                    System.err.println("fault proxy: accept failed: " + e);
                }
            }
        }
    }

    /**
     * Serves one request of a client connection. Every answer says {@code Connection: close}, so a client
     * opens a new connection for its next request, and each request meets the plan on its own.
     */
    private void serve(Socket client) {
        try (client) {
            OutputStream out = client.getOutputStream();
            Request request = read(client.getInputStream(), out);
            if (request == null) {
                return;
            }
            Rule rule = rules.stream().filter(r -> r.claim(request)).findFirst().orElse(null);
            exchanges.add(new Exchange(Instant.now(), request.summary(), rule == null ? "" : rule.name));
            switch (rule == null ? null : rule.fault) {
                case Fault.Answer answer -> answer(out, request, answer);
                case Fault.Drop drop -> {
                    // closed by the try
                }
                case Fault.Hold hold -> awaitClientGone(client);
                case Fault.Delay delay -> {
                    Thread.sleep(delay.delay().toMillis());
                    forward(request, out);
                }
                case Fault.Gate gate -> {
                    gate.open().await();
                    forward(request, out);
                }
                case null -> forward(request, out);
            }
        } catch (IOException | InterruptedException e) {
            // The client went away, or the proxy closed: nothing is left to answer.
        }
    }

    /** Reads one request; null when the client closed the connection before sending one. */
    private static Request read(InputStream in, OutputStream out) throws IOException {
        byte[] head = readHead(in);
        if (head == null) {
            return null;
        }
        String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
        }
        if ("100-continue".equalsIgnoreCase(headers.getOrDefault("expect", ""))) {
            // The client waits for this before it sends the body; the emulator is not asked.
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
        byte[] body;
        if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
            body = readChunked(in);
        } else {
            body = new byte[0];
        }
        return new Request(requestLine[0], requestLine[1], headers, body);
    }

    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < HEAD_END.length) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = b == HEAD_END[matched] ? matched + 1 : (b == HEAD_END[0] ? 1 : 0);
        }
        byte[] bytes = head.toByteArray();
        return java.util.Arrays.copyOf(bytes, bytes.length - HEAD_END.length);
    }

    /** A chunked body, de-chunked (it is forwarded with a Content-Length). */
    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
            if (size == 0) {
                while (!readLine(in).isEmpty()) {
                    // trailers are dropped
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    /** Sends the request upstream on a connection of its own and relays the answer, saying Connection: close. */
    private void forward(Request request, OutputStream out) throws IOException {
        try (Socket socket = new Socket(upstream.getHost(), upstream.getPort())) {
            StringBuilder head = new StringBuilder(request.method() + " " + request.target() + " HTTP/1.1\r\n");
            request.headers().forEach((name, value) -> {
                if (!List.of("connection", "expect", "content-length", "transfer-encoding", "keep-alive").contains(name)) {
                    head.append(name).append(": ").append(value).append("\r\n");
                }
            });
            head.append("content-length: ").append(request.body().length).append("\r\nconnection: close\r\n\r\n");
            OutputStream up = socket.getOutputStream();
            up.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            up.write(request.body());
            up.flush();

            InputStream down = socket.getInputStream();
            byte[] responseHead = readHead(down);
            if (responseHead == null) {
                throw new IOException("upstream closed without an answer to " + request.summary());
            }
            List<String> lines = new ArrayList<>(List.of(new String(responseHead, StandardCharsets.ISO_8859_1).split("\r\n")));
            lines.removeIf(line -> line.toLowerCase(Locale.ROOT).startsWith("connection:"));
            lines.add("Connection: close");
            out.write((String.join("\r\n", lines) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            down.transferTo(out);
            out.flush();
        }
    }

    /** S3 answers with an XML error document, SQS (JSON protocol) with a JSON one. */
    private static void answer(OutputStream out, Request request, Fault.Answer answer) throws IOException {
        boolean sqs = !request.sqsAction().isEmpty();
        String body = sqs
                ? "{\"__type\":\"com.amazonaws.sqs#" + answer.code() + "\",\"message\":\"injected fault\"}"
                : "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + answer.code()
                        + "</Code><Message>injected fault</Message><RequestId>fault</RequestId></Error>";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + answer.status() + " Fault\r\n"
                + "Content-Type: " + (sqs ? "application/x-amz-json-1.0" : "application/xml") + "\r\n"
                + (sqs ? "x-amzn-query-error: " + answer.code() + ";Receiver\r\n" : "")
                + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
    }

    /** Blocks until the client closes its end (a killed process's sockets are closed by the kernel). */
    private void awaitClientGone(Socket client) throws IOException {
        client.setSoTimeout(200);
        InputStream in = client.getInputStream();
        while (open) {
            try {
                if (in.read() < 0) {
                    return;
                }
            } catch (SocketTimeoutException stillThere) {
                // keep holding
            }
        }
    }

    @Override
    public void close() throws IOException {
        open = false;
        server.close();
        connections.shutdownNow();
    }
}
