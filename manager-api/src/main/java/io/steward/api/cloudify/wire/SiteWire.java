package io.steward.api.cloudify.wire;

import io.steward.engine.site.Site;
import io.steward.engine.site.SiteLocation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sites as Cloudify renders them: no {@code id}, the name, both coordinates and {@code location}. */
public final class SiteWire {
    public static final List<String> FIELDS = fields();

    private SiteWire() {
    }

    private static List<String> fields() {
        List<String> all = new ArrayList<>(List.of("name", "latitude", "longitude", "location", "created_at"));
        all.addAll(Ownership.FIELDS);
        return List.copyOf(all);
    }

    public static Map<String, Object> site(Site s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", s.name());
        out.put("latitude", s.latitude());
        out.put("longitude", s.longitude());
        out.put("location", SiteLocation.render(s.latitude(), s.longitude()));
        out.put("created_at", Timestamps.format(s.createdAt()));
        Ownership.put(out, s.tenantName(), s.createdBy(), s.visibility().wire());
        return out;
    }
}
