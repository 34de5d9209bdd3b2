package io.steward.api.ogc.wire;

import java.util.LinkedHashMap;
import java.util.Map;

/** An OGC link object. */
public final class Link {
    public static final String OGC_REL = "http://www.opengis.net/def/rel/ogc/1.0/";

    private Link() {
    }

    public static Map<String, Object> of(String href, String rel, String type, String title) {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("href", href);
        link.put("rel", rel);
        if (type != null) {
            link.put("type", type);
        }
        if (title != null) {
            link.put("title", title);
        }
        return link;
    }
}
