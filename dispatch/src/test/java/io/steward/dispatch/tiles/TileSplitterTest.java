package io.steward.dispatch.tiles;

import io.steward.dispatch.validation.FieldError;
import io.steward.dispatch.validation.ValidationException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

class TileSplitterTest {
    private final TileSplitter splitter = new TileSplitter();

    private static Map<String, Object> polygon(double[]... ring) {
        List<Object> positions = new ArrayList<>();
        for (double[] p : ring) {
            positions.add(List.of(p[0], p[1]));
        }
        return Map.of("type", "Polygon", "coordinates", List.of(positions));
    }

    private static Map<String, Object> box(double west, double south, double east, double north) {
        return polygon(new double[]{west, south}, new double[]{east, south}, new double[]{east, north},
                new double[]{west, north}, new double[]{west, south});
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> tiles(Map<String, Object> collection) {
        assertThat(collection.get("type")).isEqualTo("GeometryCollection");
        return (List<Map<String, Object>>) collection.get("geometries");
    }

    @SuppressWarnings("unchecked")
    private static List<List<Double>> exterior(Map<String, Object> tile) {
        return ((List<List<List<Double>>>) tile.get("coordinates")).get(0);
    }

    private static void assertRing(List<List<Double>> ring, double[]... expected) {
        assertThat(ring).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(ring.get(i).get(0)).as("x of %d", i).isCloseTo(expected[i][0], within(1e-9));
            assertThat(ring.get(i).get(1)).as("y of %d", i).isCloseTo(expected[i][1], within(1e-9));
        }
    }

    private static double[] xy(double x, double y) {
        return new double[]{x, y};
    }

    /** The bounding box of a ring, as [west, south, east, north]. */
    private static double[] bounds(List<List<Double>> ring) {
        double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (List<Double> p : ring) {
            b[0] = Math.min(b[0], p.get(0));
            b[1] = Math.min(b[1], p.get(1));
            b[2] = Math.max(b[2], p.get(0));
            b[3] = Math.max(b[3], p.get(1));
        }
        return b;
    }

    @Test
    void a_one_degree_square_on_the_equator_is_36_tiles_of_20_km_as_the_reference_counts() throws Exception {
        List<Map<String, Object>> tiles = tiles(splitter.split(box(0, 0, 1, 1), "20x20km"));

        assertThat(tiles).hasSize(36).allSatisfy(t -> assertThat(t.get("type")).isEqualTo("Polygon"));
        // The first tile is the south-west cell: 20 km of Web Mercator each way from the polygon's corner.
        double[] first = bounds(exterior(tiles.get(0)));
        assertThat(first[0]).isCloseTo(0, within(1e-12));
        assertThat(first[1]).isCloseTo(0, within(1e-12));
        assertThat(first[2]).isCloseTo(0.1796630568239043, within(1e-12));
        assertThat(first[3]).isCloseTo(0.17966276239613305, within(1e-12));
        // Columns from the west, each from the south: the second tile is north of the first.
        double[] second = bounds(exterior(tiles.get(1)));
        assertThat(second[0]).isCloseTo(0, within(1e-12));
        assertThat(second[1]).isCloseTo(0.17966276239613305, within(1e-12));
        // The last tile is the north-east remainder, clipped by the polygon.
        double[] last = bounds(exterior(tiles.get(35)));
        assertThat(last).containsExactly(new double[]{0.8983152841195214, 0.8982784828192742, 1, 1}, within(1e-9));
        // RFC 7946: exterior rings counter-clockwise, closed.
        assertRing(exterior(tiles.get(35)), xy(0.8983152841195214, 0.8982784828192742), xy(1, 0.8982784828192742),
                xy(1, 1), xy(0.8983152841195214, 1), xy(0.8983152841195214, 0.8982784828192742));
    }

    @Test
    void at_sixty_degrees_north_a_degree_is_twice_as_many_mercator_rows() throws Exception {
        List<Map<String, Object>> tiles = tiles(splitter.split(box(10, 60, 11, 61), "20x20km"));
        assertThat(tiles).hasSize(6 * 12);
        assertThat(bounds(exterior(tiles.get(0)))).containsExactly(
                new double[]{10, 60, 10.179663056823903, 60.08970962854325}, within(1e-9));
    }

    @Test
    void on_the_250_km_grid_a_small_aoi_is_one_tile_equal_to_itself() throws Exception {
        List<Map<String, Object>> tiles = tiles(splitter.split(box(12, 41, 13, 42), "250x250km"));
        assertThat(tiles).hasSize(1);
        assertRing(exterior(tiles.get(0)), xy(12, 41), xy(13, 41), xy(13, 42), xy(12, 42), xy(12, 41));
    }

    @Test
    void only_cells_the_polygon_covers_become_tiles_and_touching_cells_do_not() throws Exception {
        // The triangle's hypotenuse leaves the 15 cells above it empty; of the 6 x 6 cells 21 remain.
        Map<String, Object> triangle = polygon(xy(0, 0), xy(1, 0), xy(0, 1), xy(0, 0));
        assertThat(tiles(splitter.split(triangle, "20x20km"))).hasSize(21);
    }

    @Test
    void a_hole_stays_a_hole_in_the_tile_that_holds_it() throws Exception {
        Map<String, Object> withHole = Map.of("type", "Polygon", "coordinates", List.of(
                List.of(List.of(12.0, 41.0), List.of(13.0, 41.0), List.of(13.0, 42.0), List.of(12.0, 42.0),
                        List.of(12.0, 41.0)),
                List.of(List.of(12.4, 41.4), List.of(12.4, 41.6), List.of(12.6, 41.6), List.of(12.6, 41.4),
                        List.of(12.4, 41.4))));
        List<Map<String, Object>> tiles = tiles(splitter.split(withHole, "250x250km"));
        assertThat(tiles).hasSize(1);
        @SuppressWarnings("unchecked")
        List<List<List<Double>>> rings = (List<List<List<Double>>>) tiles.get(0).get("coordinates");
        assertThat(rings).hasSize(2);
        assertThat(bounds(rings.get(1))).containsExactly(new double[]{12.4, 41.4, 12.6, 41.6}, within(1e-9));
    }

    private List<FieldError> refused(Object aoi, String grid) {
        return catchThrowableOfType(() -> splitter.split(aoi, grid), ValidationException.class).errors();
    }

    @Test
    void bad_areas_and_grids_are_refused_naming_the_field() {
        assertThat(refused(box(0, 0, 1, 1), "10x10km")).containsExactly(
                FieldError.typed("enum", "must be one of [20x20km, 250x250km]", "grid"));
        assertThat(refused("Rome", "20x20km")).containsExactly(FieldError.at("must be a GeoJSON Polygon object", "aoi"));
        assertThat(refused(Map.of("type", "Point", "coordinates", List.of(1, 2)), "20x20km"))
                .containsExactly(FieldError.at("must be \"Polygon\"", "aoi", "type"));
        assertThat(refused(Map.of("type", "Polygon", "coordinates", List.of()), "20x20km"))
                .containsExactly(FieldError.at("must be a non-empty array of linear rings", "aoi", "coordinates"));
        assertThat(refused(polygon(xy(0, 0), xy(1, 0), xy(0, 0)), "20x20km")).containsExactly(
                FieldError.at("must be a linear ring of at least 4 positions", "aoi", "coordinates", 0));
        assertThat(refused(polygon(xy(0, 0), xy(1, 0), xy(1, 1), xy(0, 1)), "20x20km")).containsExactly(
                FieldError.at("must be closed: its last position must equal its first", "aoi", "coordinates", 0));
        assertThat(refused(box(0, 0, 200, 1), "20x20km")).containsExactly(
                FieldError.at("longitude must be within [-180, 180]", "aoi", "coordinates", 0, 1));
        assertThat(refused(box(0, 80, 1, 89), "20x20km")).extracting(FieldError::field)
                .containsExactly("aoi.coordinates.0.2");
        Map<String, Object> notNumbers = Map.of("type", "Polygon", "coordinates",
                List.of(List.of(List.of("a", 0), List.of(1, 0), List.of(1, 1), List.of("a", 0))));
        assertThat(refused(notNumbers, "20x20km")).containsExactly(
                FieldError.at("must be [longitude, latitude] numbers", "aoi", "coordinates", 0, 0));
        // Both fields wrong: both named.
        assertThat(refused("Rome", "huge")).extracting(FieldError::field).containsExactly("grid", "aoi");
    }

    @Test
    void errors_read_as_pydantic_ones_under_the_body() {
        assertThat(refused(box(0, 0, 200, 1), "20x20km").get(0).pydantic("body")).isEqualTo(Map.of(
                "loc", List.of("body", "aoi", "coordinates", 0, 1),
                "msg", "longitude must be within [-180, 180]", "type", "value_error"));
    }

    @Test
    void a_self_intersecting_polygon_is_refused_with_where() {
        Map<String, Object> bowTie = polygon(xy(0, 0), xy(1, 1), xy(1, 0), xy(0, 1), xy(0, 0));
        List<FieldError> errors = refused(bowTie, "20x20km");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).field()).isEqualTo("aoi.coordinates");
        assertThat(errors.get(0).message()).startsWith("is not a valid polygon: Self-intersection at (0.5, 0.5)");
    }

    @Test
    void an_aoi_of_too_many_cells_is_refused_before_any_is_cut() {
        List<FieldError> errors = refused(box(-180, -80, 180, 80), "20x20km");
        assertThat(errors).containsExactly(FieldError.at(
                "covers 2004 x 1554 cells of the 20x20km grid; at most 10000 tiles are made at once", "aoi"));
    }
}
