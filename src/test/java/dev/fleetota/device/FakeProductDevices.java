package dev.fleetota.device;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/** Answers {@code GET /v1/products/:p/devices} pages (§4.3) from a mutable list of device JSON objects. */
class FakeProductDevices extends Dispatcher {

    final List<String> devices = new CopyOnWriteArrayList<>();

    final AtomicInteger listRequests = new AtomicInteger();

    volatile int failWith;

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if (!request.getUrl().encodedPath().equals("/v1/products/30301/devices")) {
            return new MockResponse.Builder().code(404).body("{\"ok\":false,\"error\":\"Not found\"}").build();
        }
        listRequests.incrementAndGet();
        if (failWith > 0) {
            return new MockResponse.Builder().code(failWith).body("{\"error\":\"unavailable\"}").build();
        }
        int page = Integer.parseInt(request.getUrl().queryParameter("page"));
        int perPage = Integer.parseInt(request.getUrl().queryParameter("perPage"));
        List<String> all = List.copyOf(devices);
        int totalPages = Math.max(1, (all.size() + perPage - 1) / perPage);
        List<String> slice = all.subList(Math.min(all.size(), (page - 1) * perPage),
                Math.min(all.size(), page * perPage));
        String body = "{\"devices\":[" + String.join(",", slice) + "],\"customers\":[],\"meta\":{\"total_pages\":"
                + totalPages + "}}";
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }

    static String device(String id, String extra) {
        return "{\"id\":\"" + id + "\",\"name\":\"dev-" + id.substring(18) + "\",\"platform_id\":13,"
                + "\"product_id\":30301,\"online\":true,\"system_firmware_version\":\"4.0.2\",\"firmware_version\":3,"
                + "\"targeted_firmware_release_version\":3,\"development\":false,\"groups\":[\"canary\"]"
                + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

}
