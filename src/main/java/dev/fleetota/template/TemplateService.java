package dev.fleetota.template;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.fleetota.api.PageResponse;
import dev.fleetota.common.NotFoundException;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads templates: for the API and for promotions ({@link #resolve}). Deleted templates are not found. */
@Service
@Transactional(readOnly = true)
public class TemplateService {

    static final String RESOURCE = "rollout template";

    private final RolloutTemplateRepository templates;

    private final TemplateVersionRepository versions;

    TemplateService(RolloutTemplateRepository templates, TemplateVersionRepository versions) {
        this.templates = templates;
        this.versions = versions;
    }

    /** The current version of a template; 404 when unknown or deleted. */
    public TemplateView get(long id) {
        RolloutTemplate head = templates.findLive(id).orElseThrow(() -> new NotFoundException(RESOURCE, id));
        return version(head, head.getCurrentVersion());
    }

    /**
     * The template named {@code name}, at {@code version} or (null) its current version; 404 when the template is
     * unknown or deleted, or has no such version.
     */
    public TemplateView resolve(String name, Integer version) {
        RolloutTemplate head = templates.findLiveByName(name).orElseThrow(() -> new NotFoundException(RESOURCE, name));
        return version(head, version == null ? head.getCurrentVersion() : version);
    }

    /** One version of a live template. */
    public TemplateView get(long id, int version) {
        RolloutTemplate head = templates.findLive(id).orElseThrow(() -> new NotFoundException(RESOURCE, id));
        return version(head, version);
    }

    /** Every version of a live template, newest first. */
    List<TemplateView> versions(long id) {
        RolloutTemplate head = templates.findLive(id).orElseThrow(() -> new NotFoundException(RESOURCE, id));
        return versions.findByTemplateIdOrderByVersionDesc(id).stream().map(v -> v.toView(head)).toList();
    }

    PageResponse<TemplateView> list(int page, int size) {
        var heads = templates.findAllLive(PageRequest.of(page, size, Sort.by("name", "id")));
        Map<Long, RolloutTemplate> byId = heads.stream()
            .collect(Collectors.toMap(RolloutTemplate::getId, Function.identity()));
        Map<Long, TemplateView> current = versions.findCurrent(byId.keySet()).stream()
            .map(v -> v.toView(byId.get(v.getTemplateId())))
            .collect(Collectors.toMap(TemplateView::id, Function.identity()));
        return PageResponse.of(heads, head -> current.get(head.getId()));
    }

    private TemplateView version(RolloutTemplate head, int version) {
        return versions.findByTemplateIdAndVersion(head.getId(), version)
            .map(v -> v.toView(head))
            .orElseThrow(() -> new NotFoundException(RESOURCE + " " + head.getName() + " version", version));
    }

}
