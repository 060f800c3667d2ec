package dev.fleetota.particle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.fleetota.particle.ParticleCallExecutor.Answer;
import dev.fleetota.particle.ParticleJson.DeviceOsPage;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The Particle Cloud REST API, product-scoped (§4–§10 of ../shared/particle-cloud-api.md). The only class that knows
 * Particle's URLs. Reads are retried with backoff; {@link #lockAndFlash} and {@link #callFunction} are never resent
 * once Particle may have seen them. Every method throws a {@link ParticleApiException} subtype on failure.
 */
@Component
public class ParticleClient {

    static final int PAGE_SIZE = 100;

    private static final int MAX_PAGES = 100_000;

    private static final int BATCH_GROUP_CHUNK = 500;

    private static final int MAX_FUNCTION_ARGUMENT = 63;

    private static final MediaType JSON = MediaType.get("application/json");

    private final ParticleProperties properties;

    private final HttpUrl baseUrl;

    private final ParticleJson json = new ParticleJson();

    private final ParticleCallExecutor executor;

    ParticleClient(ParticleProperties properties, @Qualifier("particleHttpClient") OkHttpClient http,
            ParticleCallMetrics metrics) {
        this.properties = properties;
        this.baseUrl = HttpUrl.get(properties.baseUrl().toString());
        RetryPolicy retry = new RetryPolicy(properties.maxRetries(), properties.backoffBase(),
                properties.backoffMax());
        this.executor = new ParticleCallExecutor(http, retry, json, metrics, properties.accessToken());
    }

    /** Every device of the product, all pages, de-duplicated by id (later pages win). */
    public List<ParticleDevice> listAllDevices() {
        Map<String, ParticleDevice> byId = new LinkedHashMap<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            ProductDevicePage current = listDevices(page, PAGE_SIZE);
            current.devices().stream().filter(d -> d.id() != null).forEach(d -> byId.put(d.id(), d));
            boolean more = current.totalPages() != null ? page < current.totalPages()
                    : current.devices().size() >= PAGE_SIZE;
            if (!more || current.devices().isEmpty()) {
                break;
            }
        }
        return List.copyOf(byId.values());
    }

    /** One page (1-based), sorted by device id ascending so paging is stable. */
    public ProductDevicePage listDevices(int page, int perPage) {
        HttpUrl url = product("devices").addQueryParameter("page", String.valueOf(page))
            .addQueryParameter("perPage", String.valueOf(perPage))
            .addQueryParameter("per_page", String.valueOf(perPage))
            .addQueryParameter("sortAttr", "deviceId")
            .addQueryParameter("sortDir", "asc")
            .build();
        return json.devicePage(get(ParticleCall.LIST_DEVICES, url).body(), page);
    }

    public ParticleDevice getDevice(String deviceId) {
        HttpUrl url = product("devices").addPathSegment(deviceId).build();
        return json.device(json.parse(get(ParticleCall.GET_DEVICE, url).body()));
    }

    /**
     * Locks the device to product firmware {@code firmwareVersion} and asks the cloud to flash it now. Resent only when
     * the request provably never reached Particle (connection refused, 429); otherwise a failure without a clear answer
     * is a {@link ParticleOutcomeUnknownException}.
     */
    public void lockAndFlash(String deviceId, int firmwareVersion) {
        put(ParticleCall.LOCK_AND_FLASH, device(deviceId), oneShot(json.lockAndFlash(firmwareVersion)));
    }

    public void unlock(String deviceId) {
        put(ParticleCall.UNLOCK, device(deviceId), RequestBody.create(json.unlock(), JSON));
    }

    public void setForceUpdates(String deviceId, boolean forced) {
        put(ParticleCall.SET_FORCE_UPDATES, device(deviceId), RequestBody.create(json.forceUpdates(forced), JSON));
    }

    /** Replaces the device's groups (unknown names are created by Particle). */
    public void setGroups(String deviceId, List<String> groups) {
        put(ParticleCall.SET_GROUPS, device(deviceId), RequestBody.create(json.groups(groups), JSON));
    }

    /** Adds and removes groups on many devices, in chunks of {@value #BATCH_GROUP_CHUNK} devices. */
    public void changeGroups(List<String> deviceIds, List<String> add, List<String> remove) {
        HttpUrl url = product("devices").build();
        for (int from = 0; from < deviceIds.size(); from += BATCH_GROUP_CHUNK) {
            List<String> chunk = deviceIds.subList(from, Math.min(deviceIds.size(), from + BATCH_GROUP_CHUNK));
            put(ParticleCall.CHANGE_GROUPS, url, RequestBody.create(json.changeGroups(chunk, add, remove), JSON));
        }
    }

    public List<ParticleGroup> listGroups() {
        return json.groups(get(ParticleCall.LIST_GROUPS, product("groups").build()).body());
    }

    public void createGroup(String name, String description) {
        Request request = request(product("groups").build())
            .post(oneShot(json.createGroup(name, description)))
            .build();
        executor.execute(ParticleCall.CREATE_GROUP, request);
    }

    public void deleteGroup(String name) {
        executor.execute(ParticleCall.DELETE_GROUP,
                request(product("groups").addPathSegment(name).build()).delete().build());
    }

    public List<ParticleFirmware> listFirmware() {
        return json.firmware(get(ParticleCall.LIST_FIRMWARE, product("firmware").build()).body());
    }

    /** All Device OS versions (every page), optionally only those supporting {@code platformId}. */
    public List<DeviceOsVersion> listDeviceOsVersions(Integer platformId) {
        requireConfigured(false);
        List<DeviceOsVersion> all = new ArrayList<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            HttpUrl.Builder url = root().addPathSegments("v1/device-os/versions")
                .addQueryParameter("page", String.valueOf(page))
                .addQueryParameter("per_page", String.valueOf(PAGE_SIZE));
            if (platformId != null) {
                url.addQueryParameter("platform_id", String.valueOf(platformId));
            }
            DeviceOsPage current = json.deviceOsVersions(get(ParticleCall.LIST_DEVICE_OS_VERSIONS, url.build()).body());
            all.addAll(current.versions());
            boolean more = current.total() != null ? all.size() < current.total()
                    : current.versions().size() >= PAGE_SIZE;
            if (!more || current.versions().isEmpty()) {
                break;
            }
        }
        return List.copyOf(all);
    }

    /** The device's last vitals; empty when it never sent any (or Particle does not know it). */
    public Optional<ParticleVitals> lastDiagnostics(String deviceId) {
        HttpUrl url = product("diagnostics").addPathSegment(deviceId).addPathSegment("last").build();
        try {
            return json.vitals(get(ParticleCall.LAST_DIAGNOSTICS, url).body(), deviceId);
        }
        catch (ParticleNotFoundException ex) {
            return Optional.empty();
        }
    }

    /** Calls a cloud function on the device; never retried. {@code arg} is limited to 63 characters. */
    public FunctionResult callFunction(String deviceId, String name, String arg) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("function name must not be blank");
        }
        if (arg != null && arg.length() > MAX_FUNCTION_ARGUMENT) {
            throw new IllegalArgumentException("function argument must be at most 63 characters");
        }
        Request request = request(product("devices").addPathSegment(deviceId).addPathSegment(name).build())
            .post(oneShot(json.functionArgument(arg)))
            .build();
        return json.functionResult(executor.execute(ParticleCall.CALL_FUNCTION, request).body());
    }

    /** Actively probes the device; true when it answered. */
    public boolean ping(String deviceId) {
        HttpUrl url = product("devices").addPathSegment(deviceId).addPathSegment("ping").build();
        Answer answer = executor.execute(ParticleCall.PING,
                request(url).put(RequestBody.create(new byte[0], JSON)).build());
        return json.pingOnline(answer.body());
    }

    // ---- plumbing ---------------------------------------------------------------------------------

    private Answer get(ParticleCall call, HttpUrl url) {
        return executor.execute(call, request(url).get().build());
    }

    private void put(ParticleCall call, HttpUrl url, RequestBody body) {
        executor.execute(call, request(url).put(body).build());
    }

    private static Request.Builder request(HttpUrl url) {
        return new Request.Builder().url(url).header("Accept", "application/json");
    }

    private HttpUrl device(String deviceId) {
        if (deviceId == null || deviceId.isBlank()) {
            throw new IllegalArgumentException("device id must not be blank");
        }
        return product("devices").addPathSegment(deviceId).build();
    }

    private HttpUrl.Builder product(String collection) {
        requireConfigured(true);
        return root().addPathSegments("v1/products").addPathSegment(properties.product().trim())
            .addPathSegment(collection);
    }

    private HttpUrl.Builder root() {
        return baseUrl.newBuilder();
    }

    private void requireConfigured(boolean needsProduct) {
        boolean ok = needsProduct ? properties.configured()
                : properties.accessToken() != null && !properties.accessToken().isBlank();
        if (!ok) {
            throw new ParticleApiException("Particle Cloud access is not configured (set PARTICLE_ACCESS_TOKEN"
                    + (needsProduct ? " and PARTICLE_PRODUCT)" : ")"), 0, null);
        }
    }

    private static RequestBody oneShot(String content) {
        return new OneShotBody(content, JSON);
    }

}
