package dev.fleetota.particlesim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Reads an SSE stream on a background thread and records comments and event blocks as they arrive. */
final class SseRecorder implements AutoCloseable {

    /** One event block. */
    record Received(String name, JsonNode envelope, String rawData) {

        String data() {
            return envelope.get("data").isNull() ? null : envelope.get("data").asString();
        }

        int version() {
            return envelope.get("version").asInt();
        }

        String coreid() {
            return envelope.get("coreid").asString();
        }
    }

    final List<Received> events = new CopyOnWriteArrayList<>();
    final List<String> comments = new CopyOnWriteArrayList<>();
    final int status;
    private final InputStream body;
    private final CountDownLatch connected = new CountDownLatch(1);
    private final Thread reader;

    private SseRecorder(HttpResponse<InputStream> response) {
        this.status = response.statusCode();
        this.body = response.body();
        this.reader = new Thread(this::read, "sse-recorder");
        reader.setDaemon(true);
        reader.start();
    }

    static SseRecorder open(String url, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            SseRecorder recorder = new SseRecorder(response);
            if (response.statusCode() == 200 && !recorder.connected.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no :ok within 5 s");
            }
            return recorder;
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String name = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(":")) {
                    comments.add(line);
                    connected.countDown();
                }
                else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                }
                else if (line.startsWith("data:")) {
                    data.append(data.length() > 0 ? "\n" : "").append(line.substring(5).trim());
                }
                else if (line.isEmpty() && name != null) {
                    events.add(new Received(name, envelopeOrNull(data.toString()), data.toString()));
                    name = null;
                    data.setLength(0);
                }
            }
        }
        catch (IOException ex) {
            // closed
        }
        finally {
            comments.add("<eof>");
        }
    }

    /** The parsed envelope, or null when the data is not JSON (raw fault injection). */
    private static JsonNode envelopeOrNull(String data) {
        try {
            return SimClient.JSON.readTree(data);
        }
        catch (JacksonException ex) {
            return null;
        }
    }

    boolean ended() {
        return comments.contains("<eof>");
    }

    List<Received> eventsOf(String deviceId) {
        List<Received> out = new ArrayList<>();
        for (Received r : events) {
            if (deviceId.equals(r.coreid())) {
                out.add(r);
            }
        }
        return out;
    }

    void awaitEnd(Duration timeout) throws InterruptedException {
        reader.join(timeout.toMillis());
    }

    @Override
    public void close() {
        try {
            body.close();
        }
        catch (IOException ex) {
            // ignore
        }
    }

}
