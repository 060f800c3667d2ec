package dev.fleetota.particlesim;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Device groups (§7): list, get, create, update (rename moves devices and releases), delete. */
final class GroupRoutes {

    private final SimContext ctx;

    GroupRoutes(SimContext ctx) {
        this.ctx = ctx;
    }

    void register(Router router) {
        router.add("GET", "/v1/products/:p/groups", "listGroups", this::list)
                .add("POST", "/v1/products/:p/groups", "createGroup", this::create)
                .add("GET", "/v1/products/:p/groups/:name", "getGroup", this::get)
                .add("PUT", "/v1/products/:p/groups/:name", "updateGroup", this::update)
                .add("DELETE", "/v1/products/:p/groups/:name", "deleteGroup", this::delete);
    }

    private SimResponse list(SimRequest r) {
        String filter = r.query("name");
        ObjectNode out = Json.object();
        ArrayNode groups = out.putArray("groups");
        for (GroupStore.Group g : ctx.groups.all()) {
            if (filter == null || g.name().contains(filter)) {
                groups.add(json(g, false));
            }
        }
        return SimResponse.ok(out);
    }

    private SimResponse get(SimRequest r) {
        GroupStore.Group g = ctx.groups.get(r.path("name"))
                .orElseThrow(() -> ApiError.notFound("Group " + r.path("name") + " not found"));
        return SimResponse.ok(wrap(json(g, true)));
    }

    private SimResponse create(SimRequest r) {
        GroupStore.Group g = ctx.groups.create(r.text("name"), r.text("description"), r.text("color"));
        ObjectNode group = Json.object();
        group.put("name", g.name());
        group.put("description", g.description());
        group.put("color", g.color());
        return SimResponse.status(201, wrap(group));
    }

    private SimResponse update(SimRequest r) {
        String name = r.path("name");
        String newName = r.text("name");
        if (newName == null && !r.has("description") && !r.has("color")) {
            throw ApiError.badRequest("One of name, color or description is required");
        }
        GroupStore.Group g = ctx.groups.update(name, newName, r.text("description"), r.text("color"));
        if (!g.name().equals(name)) {
            ctx.firmware.renameGroup(name, g.name());
            forEachMember(name, d -> {
                List<String> groups = new ArrayList<>(d.groupList());
                groups.replaceAll(x -> x.equals(name) ? g.name() : x);
                d.setGroups(groups);
            });
        }
        return SimResponse.ok(wrap(json(g, true)));
    }

    private SimResponse delete(SimRequest r) {
        String name = r.path("name");
        if (!ctx.groups.remove(name)) {
            throw ApiError.notFound("Group " + name + " not found");
        }
        ctx.firmware.removeGroup(name);
        forEachMember(name, d -> {
            List<String> groups = new ArrayList<>(d.groupList());
            groups.remove(name);
            d.setGroups(groups);
        });
        return SimResponse.noContent();
    }

    private void forEachMember(String group, java.util.function.Consumer<SimDevice> change) {
        for (SimDevice d : ctx.fleet.all()) {
            synchronized (d) {
                if (d.inGroup(group)) {
                    change.accept(d);
                }
            }
        }
    }

    private ObjectNode json(GroupStore.Group g, boolean withCount) {
        ObjectNode n = Json.object();
        n.put("name", g.name());
        n.put("description", g.description());
        n.put("color", g.color());
        Integer released = ctx.firmware.releasedTo(g.name());
        if (released != null) {
            n.put("fw_version", released);
        }
        if (withCount) {
            int count = 0;
            for (SimDevice d : ctx.fleet.all()) {
                if (d.inGroup(g.name())) {
                    count++;
                }
            }
            n.put("device_count", count);
        }
        return n;
    }

    private static ObjectNode wrap(ObjectNode group) {
        ObjectNode out = Json.object();
        out.set("group", group);
        return out;
    }

}
