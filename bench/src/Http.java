import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Loopback HTTP with an optional bearer token; every call has a timeout. */
final class Http {

    record Response(int status, String body) {
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String base;

    private final String bearer;

    private final Duration timeout;

    Http(String base, String token) {
        this(base, token, Duration.ofSeconds(600));
    }

    /** With another request timeout, e.g. a short one for readiness polls (a listener that never answers). */
    Http(String base, String token, Duration timeout) {
        this.base = base;
        this.bearer = token == null ? null : "Bearer " + token;
        this.timeout = timeout;
    }

    Response get(String path) throws IOException, InterruptedException {
        return send(builder(path).GET());
    }

    Response post(String path, String json) throws IOException, InterruptedException {
        return send(builder(path).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)));
    }

    /** GET that must answer 2xx. */
    String ok(String path) throws IOException, InterruptedException {
        return check(path, get(path));
    }

    /** POST that must answer 2xx. */
    String okPost(String path, String json) throws IOException, InterruptedException {
        return check(path, post(path, json));
    }

    private static String check(String path, Response r) {
        if (r.status() / 100 != 2) {
            throw new IllegalStateException(path + " -> " + r.status() + " " + r.body());
        }
        return r.body();
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
        if (bearer != null) {
            b.header("Authorization", bearer);
        }
        return b;
    }

    private Response send(HttpRequest.Builder b) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body());
    }

}
