package io.steward.dispatch.platform.openeo;

import io.steward.dispatch.platform.PlatformException;
import io.steward.dispatch.platform.PlatformException.Kind;
import io.steward.dispatch.platform.ProcessParameter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits the arguments of a job to what the UDP declares: where it expects an openEO bounding box, a GeoJSON Polygon
 * becomes {@code {west, south, east, north}} (the envelope of its outer ring), and so does a {@code [w, s, e, n]}
 * array; a value already in that form passes as it is. Other arguments pass verbatim.
 */
final class BoundingBoxes {
    private BoundingBoxes() {
    }

    static Map<String, Object> fitted(Map<String, Object> arguments, List<ProcessParameter> parameters)
            throws PlatformException {
        if (arguments == null) {
            return Map.of();
        }
        Map<String, Object> fitted = new LinkedHashMap<>(arguments);
        for (ProcessParameter parameter : parameters) {
            if ("bounding-box".equals(parameter.type()) && arguments.get(parameter.name()) != null) {
                fitted.put(parameter.name(), boundingBox(parameter.name(), arguments.get(parameter.name())));
            }
        }
        return fitted;
    }

    private static Object boundingBox(String name, Object value) throws PlatformException {
        if (value instanceof Map<?, ?> object) {
            if (object.containsKey("west") && object.containsKey("south") && object.containsKey("east")
                    && object.containsKey("north")) {
                return value;
            }
            if ("Polygon".equals(object.get("type")) && object.get("coordinates") instanceof List<?> rings
                    && !rings.isEmpty() && rings.get(0) instanceof List<?> ring && !ring.isEmpty()) {
                double west = Double.POSITIVE_INFINITY;
                double south = Double.POSITIVE_INFINITY;
                double east = Double.NEGATIVE_INFINITY;
                double north = Double.NEGATIVE_INFINITY;
                for (Object position : ring) {
                    if (!(position instanceof List<?> xy) || xy.size() < 2 || !(xy.get(0) instanceof Number x)
                            || !(xy.get(1) instanceof Number y)) {
                        throw refused(name, "a Polygon whose positions are not [longitude, latitude] numbers");
                    }
                    west = Math.min(west, x.doubleValue());
                    east = Math.max(east, x.doubleValue());
                    south = Math.min(south, y.doubleValue());
                    north = Math.max(north, y.doubleValue());
                }
                return box(west, south, east, north);
            }
            throw refused(name, "an object that is neither {west, south, east, north} nor a GeoJSON Polygon");
        }
        if (value instanceof List<?> list && list.size() == 4 && list.stream().allMatch(v -> v instanceof Number)) {
            return box(((Number) list.get(0)).doubleValue(), ((Number) list.get(1)).doubleValue(),
                    ((Number) list.get(2)).doubleValue(), ((Number) list.get(3)).doubleValue());
        }
        throw refused(name, "neither {west, south, east, north}, [west, south, east, north] nor a GeoJSON Polygon");
    }

    private static Map<String, Object> box(double west, double south, double east, double north) {
        Map<String, Object> box = new LinkedHashMap<>();
        box.put("west", west);
        box.put("south", south);
        box.put("east", east);
        box.put("north", north);
        return box;
    }

    private static PlatformException refused(String name, String what) {
        return new PlatformException(Kind.REFUSED, 0, "parameter " + name + " must be a bounding box; it is " + what);
    }
}
