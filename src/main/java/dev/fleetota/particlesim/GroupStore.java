package dev.fleetota.particlesim;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Product device groups; names are lowercase letters, digits, '-' and '_' (§7). */
final class GroupStore {

    private static final Pattern NAME = Pattern.compile("^[a-z0-9_-]+$");

    /** One group. */
    record Group(String name, String description, String color) {
    }

    private final ConcurrentHashMap<String, Group> groups = new ConcurrentHashMap<>();

    static void validateName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiError.badRequest("Group name must only contain lowercase letters, numbers, dashes and "
                    + "underscores: " + name);
        }
    }

    Optional<Group> get(String name) {
        return Optional.ofNullable(groups.get(name));
    }

    List<Group> all() {
        return groups.values().stream().sorted(Comparator.comparing(Group::name)).toList();
    }

    Group create(String name, String description, String color) {
        validateName(name);
        Group group = new Group(name, description, color == null ? "#0b9ed6" : color);
        if (groups.putIfAbsent(name, group) != null) {
            throw ApiError.badRequest("Group " + name + " already exists");
        }
        return group;
    }

    /** Device PUT with unknown group names creates them. */
    void ensure(Collection<String> names) {
        names.forEach(GroupStore::validateName);
        names.forEach(name -> groups.computeIfAbsent(name, n -> new Group(n, null, "#0b9ed6")));
    }

    Group update(String name, String newName, String description, String color) {
        Group old = groups.get(name);
        if (old == null) {
            throw ApiError.notFound("Group " + name + " not found");
        }
        String target = newName == null ? name : newName;
        validateName(target);
        Group updated = new Group(target, description == null ? old.description() : description,
                color == null ? old.color() : color);
        if (!target.equals(name)) {
            if (groups.putIfAbsent(target, updated) != null) {
                throw ApiError.badRequest("Group " + target + " already exists");
            }
            groups.remove(name);
        }
        else {
            groups.put(name, updated);
        }
        return updated;
    }

    boolean remove(String name) {
        return groups.remove(name) != null;
    }

}
