package io.steward.api.cloudify.wire;

import io.steward.api.cloudify.query.ListParams;
import io.steward.tenancy.store.Page;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Cloudify's list body: {@code {"items": [...], "metadata": {"pagination": {...}, "filtered": null}}}. */
public final class ListEnvelope {
    private ListEnvelope() {
    }

    public static <T> Map<String, Object> of(Page<T> page, ListParams params, Function<T, Map<String, Object>> render) {
        List<Map<String, Object>> items = page.items().stream()
                .map(render).map(params.include()::apply).toList();
        Map<String, Object> pagination = new LinkedHashMap<>();
        pagination.put("total", page.total());
        pagination.put("size", params.query().size());
        pagination.put("offset", params.query().offset());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("pagination", pagination);
        metadata.put("filtered", null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("metadata", metadata);
        return body;
    }
}
