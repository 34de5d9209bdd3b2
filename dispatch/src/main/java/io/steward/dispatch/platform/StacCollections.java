package io.steward.dispatch.platform;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A platform's STAC Collection made whole for APEx's {@code Collection} model, which requires {@code id},
 * {@code description}, {@code links}, {@code type}, {@code license} and an {@code extent} with a spatial
 * {@code bbox} and a temporal {@code interval}: the generated client cannot read a Collection missing any of them
 * (it then hands its user a bare dict). What the platform gave is kept; only what is missing or of the wrong kind is
 * filled in, with STAC's own "unknown" values (the whole world, an open interval, license {@code other}).
 */
public final class StacCollections {
    private StacCollections() {
    }

    public static Map<String, Object> complete(Map<String, Object> collection, String fallbackId) {
        Map<String, Object> whole = new LinkedHashMap<>(collection);
        whole.put("type", "Collection");
        if (!(whole.get("id") instanceof String)) {
            whole.put("id", fallbackId);
        }
        if (!(whole.get("description") instanceof String)) {
            whole.put("description", "");
        }
        if (!(whole.get("license") instanceof String)) {
            whole.put("license", "other");
        }
        if (!(whole.get("links") instanceof List<?> links) || !links.stream().allMatch(StacCollections::isLink)) {
            whole.put("links", whole.get("links") instanceof List<?> links
                    ? links.stream().filter(StacCollections::isLink).toList() : List.of());
        }
        Map<String, Object> extent = whole.get("extent") instanceof Map<?, ?> given
                ? new LinkedHashMap<>(cast(given)) : new LinkedHashMap<>();
        if (!(extent.get("spatial") instanceof Map<?, ?> spatial && spatial.get("bbox") instanceof List<?> boxes
                && boxes.stream().allMatch(box -> box instanceof List<?>))) {
            extent.put("spatial", Map.of("bbox", List.of(List.of(-180, -90, 180, 90))));
        }
        if (!(extent.get("temporal") instanceof Map<?, ?> temporal
                && temporal.get("interval") instanceof List<?> intervals
                && intervals.stream().allMatch(interval -> interval instanceof List<?>))) {
            extent.put("temporal", Map.of("interval", List.of(Arrays.asList(null, null))));
        }
        whole.put("extent", extent);
        return whole;
    }

    private static boolean isLink(Object link) {
        return link instanceof Map<?, ?> map && map.get("href") instanceof String && map.get("rel") instanceof String;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
