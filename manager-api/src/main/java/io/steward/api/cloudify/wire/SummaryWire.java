package io.steward.api.cloudify.wire;

import io.steward.api.cloudify.query.ListParams;
import io.steward.tenancy.store.GroupCount;
import io.steward.tenancy.store.Page;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Cloudify's summary body: one item per target value, {@code {F: v, <resource>: n}}, with {@code "by S"} listing
 * {@code {S: w, <resource>: m}} when a sub field was asked; the pagination counts (target, sub) groups.
 */
public final class SummaryWire {
    private SummaryWire() {
    }

    public static Map<String, Object> render(String resource, String target, String sub, Page<GroupCount> groups,
                                             ListParams params) {
        List<Map<String, Object>> items = new ArrayList<>();
        Map<String, Object> current = null;
        for (GroupCount group : groups.items()) {
            Object value = group.values().get(0);
            if (current == null || !Objects.equals(current.get(target), value)) {
                current = new LinkedHashMap<>();
                current.put(target, value);
                current.put(resource, 0L);
                if (sub != null) {
                    current.put("by " + sub, new ArrayList<Map<String, Object>>());
                }
                items.add(current);
            }
            current.put(resource, (Long) current.get(resource) + group.count());
            if (sub != null) {
                Map<String, Object> bySub = new LinkedHashMap<>();
                bySub.put(sub, group.values().get(1));
                bySub.put(resource, group.count());
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> list = (List<Map<String, Object>>) current.get("by " + sub);
                list.add(bySub);
            }
        }
        return ListEnvelope.of(new Page<>(items, groups.total()), params, item -> item);
    }
}
