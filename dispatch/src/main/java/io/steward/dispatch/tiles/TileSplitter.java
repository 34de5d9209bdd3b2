package io.steward.dispatch.tiles;

import io.steward.dispatch.validation.FieldError;
import io.steward.dispatch.validation.ValidationException;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits an area of interest (a GeoJSON Polygon in longitude/latitude) into the cells of a grid, as APEx's
 * {@code POST /tiles} does: the polygon is projected to Web Mercator (EPSG:3857, spherical), cut by square cells of the
 * grid's side anchored at the south-west corner of its projected envelope, column by column from the west and each
 * column from the south, and every non-empty piece is projected back. The reference does exactly this, so tile counts
 * agree with it; a Mercator cell is the grid's size on the equator and shrinks on the ground by cos(latitude).
 * Pieces are areal: a cell that only touches the polygon along an edge or at a corner gives no tile.
 */
public final class TileSplitter {
    public static final int DEFAULT_MAX_TILES = 10_000;
    /** Web Mercator's latitude limit, where y reaches the projection's square edge. */
    public static final double MAX_LATITUDE = 85.05112878;
    private static final double EARTH_RADIUS = 6_378_137.0;

    private final int maxTiles;
    private final GeometryFactory geometries = new GeometryFactory();

    public TileSplitter(int maxTiles) {
        this.maxTiles = maxTiles;
    }

    public TileSplitter() {
        this(DEFAULT_MAX_TILES);
    }

    /**
     * The tiles of {@code aoi} (the request's {@code aoi}, as parsed JSON) on the grid named {@code grid}, as a GeoJSON
     * GeometryCollection. Every problem with either is one {@link FieldError} under {@code aoi…} or {@code grid}.
     */
    public Map<String, Object> split(Object aoi, String grid) throws ValidationException {
        List<FieldError> errors = new ArrayList<>();
        Grid cells = Grid.fromWire(grid).orElse(null);
        if (cells == null) {
            errors.add(FieldError.typed("enum", "must be one of " + Grid.wires(), "grid"));
        }
        Polygon polygon = polygon(aoi, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return geometryCollection(split(polygon, cells));
    }

    /** The tiles of an already valid polygon in longitude/latitude. */
    public List<Geometry> split(Polygon polygon, Grid grid) throws ValidationException {
        Geometry projected = polygon.copy();
        projected.apply(new Project(true));
        Envelope bounds = projected.getEnvelopeInternal();
        double side = grid.cellMetres();
        long columns = Math.max(1, (long) Math.ceil(bounds.getWidth() / side));
        long rows = Math.max(1, (long) Math.ceil(bounds.getHeight() / side));
        if (columns * rows > maxTiles) {
            throw new ValidationException(List.of(FieldError.at("covers " + columns + " x " + rows + " cells of the "
                    + grid.wire() + " grid; at most " + maxTiles + " tiles are made at once", "aoi")));
        }
        List<Geometry> tiles = new ArrayList<>();
        for (long column = 0; column < columns; column++) {
            double x = bounds.getMinX() + column * side;
            for (long row = 0; row < rows; row++) {
                double y = bounds.getMinY() + row * side;
                Geometry cell = geometries.toGeometry(new Envelope(x, x + side, y, y + side));
                Geometry piece = areal(projected.intersection(cell));
                if (piece != null) {
                    piece.apply(new Project(false));
                    tiles.add(piece);
                }
            }
        }
        return tiles;
    }

    /** The polygonal part of an intersection, or null when it has no area. */
    private Geometry areal(Geometry intersection) {
        List<Polygon> polygons = new ArrayList<>();
        for (int i = 0; i < intersection.getNumGeometries(); i++) {
            if (intersection.getGeometryN(i) instanceof Polygon p && !p.isEmpty() && p.getArea() > 0) {
                polygons.add(p);
            }
        }
        if (polygons.isEmpty()) {
            return null;
        }
        return polygons.size() == 1 ? polygons.get(0).copy()
                : geometries.createMultiPolygon(polygons.toArray(Polygon[]::new)).copy();
    }

    // --- reading the AOI -----------------------------------------------------------------------------------------

    private Polygon polygon(Object aoi, List<FieldError> errors) {
        if (!(aoi instanceof Map<?, ?> object)) {
            errors.add(FieldError.at("must be a GeoJSON Polygon object", "aoi"));
            return null;
        }
        if (!"Polygon".equals(object.get("type"))) {
            errors.add(FieldError.at("must be \"Polygon\"", "aoi", "type"));
            return null;
        }
        if (!(object.get("coordinates") instanceof List<?> rings) || rings.isEmpty()) {
            errors.add(FieldError.at("must be a non-empty array of linear rings", "aoi", "coordinates"));
            return null;
        }
        List<LinearRing> linearRings = new ArrayList<>();
        for (int r = 0; r < rings.size(); r++) {
            LinearRing ring = ring(rings.get(r), r, errors);
            if (ring != null) {
                linearRings.add(ring);
            }
        }
        if (!errors.isEmpty()) {
            return null;
        }
        Polygon polygon = geometries.createPolygon(linearRings.get(0),
                linearRings.subList(1, linearRings.size()).toArray(LinearRing[]::new));
        TopologyValidationError invalid = new IsValidOp(polygon).getValidationError();
        if (invalid != null) {
            Coordinate at = invalid.getCoordinate();
            errors.add(FieldError.at("is not a valid polygon: " + invalid.getMessage()
                    + (at == null ? "" : " at (" + at.x + ", " + at.y + ")"), "aoi", "coordinates"));
            return null;
        }
        if (polygon.getArea() == 0) {
            errors.add(FieldError.at("encloses no area", "aoi", "coordinates"));
            return null;
        }
        return polygon;
    }

    private LinearRing ring(Object value, int index, List<FieldError> errors) {
        Integer ringPath = index;
        if (!(value instanceof List<?> positions) || positions.size() < 4) {
            errors.add(FieldError.at("must be a linear ring of at least 4 positions", "aoi", "coordinates", ringPath));
            return null;
        }
        Coordinate[] coordinates = new Coordinate[positions.size()];
        for (int p = 0; p < positions.size(); p++) {
            Integer positionPath = p;
            if (!(positions.get(p) instanceof List<?> xy) || xy.size() < 2 || xy.size() > 3
                    || !xy.stream().allMatch(v -> v instanceof Number n && Double.isFinite(n.doubleValue()))) {
                errors.add(FieldError.at("must be [longitude, latitude] numbers", "aoi", "coordinates", ringPath,
                        positionPath));
                return null;
            }
            double lon = ((Number) xy.get(0)).doubleValue();
            double lat = ((Number) xy.get(1)).doubleValue();
            if (lon < -180 || lon > 180) {
                errors.add(FieldError.at("longitude must be within [-180, 180]", "aoi", "coordinates", ringPath,
                        positionPath));
                return null;
            }
            if (Math.abs(lat) > MAX_LATITUDE) {
                errors.add(FieldError.at("latitude must be within ±" + MAX_LATITUDE
                        + " (the grids are drawn in Web Mercator)", "aoi", "coordinates", ringPath, positionPath));
                return null;
            }
            coordinates[p] = new Coordinate(lon, lat);
        }
        if (!coordinates[0].equals2D(coordinates[coordinates.length - 1])) {
            errors.add(FieldError.at("must be closed: its last position must equal its first", "aoi", "coordinates",
                    ringPath));
            return null;
        }
        return geometries.createLinearRing(coordinates);
    }

    // --- writing GeoJSON -----------------------------------------------------------------------------------------

    private static Map<String, Object> geometryCollection(List<Geometry> tiles) {
        List<Object> members = new ArrayList<>();
        for (Geometry tile : tiles) {
            members.add(geoJson(tile));
        }
        Map<String, Object> collection = new LinkedHashMap<>();
        collection.put("type", "GeometryCollection");
        collection.put("geometries", members);
        return collection;
    }

    static Map<String, Object> geoJson(Geometry geometry) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (geometry instanceof Polygon polygon) {
            json.put("type", "Polygon");
            json.put("coordinates", rings(polygon));
        } else {
            json.put("type", "MultiPolygon");
            List<Object> polygons = new ArrayList<>();
            for (int i = 0; i < geometry.getNumGeometries(); i++) {
                polygons.add(rings((Polygon) geometry.getGeometryN(i)));
            }
            json.put("coordinates", polygons);
        }
        return json;
    }

    /**
     * RFC 7946 winding (the exterior ring counter-clockwise, holes clockwise), each ring starting at its west-most,
     * then south-most position so that the same tile always reads the same.
     */
    private static List<Object> rings(Polygon polygon) {
        List<Object> rings = new ArrayList<>();
        rings.add(positions(polygon.getExteriorRing().getCoordinates(), true));
        for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
            rings.add(positions(polygon.getInteriorRingN(i).getCoordinates(), false));
        }
        return rings;
    }

    private static List<Object> positions(Coordinate[] ring, boolean counterClockwise) {
        boolean reverse = Orientation.isCCW(ring) != counterClockwise;
        int open = ring.length - 1; // the closing position repeats the first
        Coordinate[] ordered = new Coordinate[open];
        for (int i = 0; i < open; i++) {
            ordered[i] = ring[reverse ? open - i : i];
        }
        int start = 0;
        for (int i = 1; i < open; i++) {
            if (ordered[i].x < ordered[start].x || (ordered[i].x == ordered[start].x && ordered[i].y < ordered[start].y)) {
                start = i;
            }
        }
        List<Object> positions = new ArrayList<>(ring.length);
        for (int i = 0; i <= open; i++) {
            Coordinate c = ordered[(start + i) % open];
            positions.add(List.of(c.x, c.y));
        }
        return positions;
    }

    // --- Web Mercator --------------------------------------------------------------------------------------------

    static double mercatorX(double longitude) {
        return EARTH_RADIUS * Math.toRadians(longitude);
    }

    static double mercatorY(double latitude) {
        return EARTH_RADIUS * Math.log(Math.tan(Math.PI / 4 + Math.toRadians(latitude) / 2));
    }

    static double longitude(double x) {
        return Math.toDegrees(x / EARTH_RADIUS);
    }

    static double latitude(double y) {
        return Math.toDegrees(2 * Math.atan(Math.exp(y / EARTH_RADIUS)) - Math.PI / 2);
    }

    /** Projects every coordinate in place, to Web Mercator metres or back to degrees. */
    private record Project(boolean toMercator) implements CoordinateSequenceFilter {
        @Override
        public void filter(CoordinateSequence sequence, int i) {
            double x = sequence.getX(i);
            double y = sequence.getY(i);
            sequence.setOrdinate(i, 0, toMercator ? mercatorX(x) : longitude(x));
            sequence.setOrdinate(i, 1, toMercator ? mercatorY(y) : latitude(y));
        }

        @Override
        public boolean isDone() {
            return false;
        }

        @Override
        public boolean isGeometryChanged() {
            return true;
        }
    }
}
