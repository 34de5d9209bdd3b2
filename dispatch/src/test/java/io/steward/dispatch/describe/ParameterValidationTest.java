package io.steward.dispatch.describe;

import io.steward.dispatch.platform.ProcessParameter;
import io.steward.dispatch.validation.FieldError;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ParameterValidationTest {
    private static ProcessParameter input(String name, String type, boolean optional, Object... options) {
        return new ProcessParameter(name, type, optional, null, null, List.of(options));
    }

    private static final ProcessDescription VEGETATION = new ProcessDescription("vegetation-index", List.of(
            input("bbox", "bounding-box", false),
            input("period", "date-interval", false),
            input("index", "string", true, "ndvi", "evi"),
            input("scale", "double", true),
            input("tiles", "integer", true),
            input("mask", "boolean", true),
            input("bands", "array-string", true),
            input("area", "polygon", true),
            input("at", "datetime", true),
            input("level", "integer", true, 1, 2)));

    private static List<FieldError> validate(Map<String, Object> parameters) {
        return ParameterValidation.validate(VEGETATION, parameters);
    }

    @Test
    void parameters_that_fit_give_no_errors_in_every_accepted_shape() {
        Map<String, Object> ok = new HashMap<>();
        ok.put("bbox", List.of(12.0, 41.0, 13.0, 42.0));
        ok.put("period", List.of("2024-06-01", "2024-07-01"));
        ok.put("index", "evi");
        ok.put("scale", 0.5);
        ok.put("tiles", 3.0);
        ok.put("mask", true);
        ok.put("bands", List.of("B04"));
        ok.put("area", Map.of("type", "Polygon", "coordinates", List.of()));
        ok.put("at", "2024-06-01T00:00:00Z");
        ok.put("level", 2.0);
        assertThat(validate(ok)).isEmpty();

        for (Object box : List.of(Map.of("west", 1, "south", 2, "east", 3, "north", 4),
                Map.of("bbox", List.of(1, 2, 3, 4), "crs", "http://www.opengis.net/def/crs/OGC/1.3/CRS84"),
                Map.of("type", "Polygon", "coordinates", List.of(List.of(List.of(1, 2)))))) {
            assertThat(validate(Map.of("bbox", box, "period", List.of("2024-06-01", "2024-07-01")))).as("%s", box)
                    .isEmpty();
        }
        Map<String, Object> openEnded = new HashMap<>();
        openEnded.put("bbox", List.of(1, 2, 3, 4));
        openEnded.put("period", java.util.Arrays.asList("2024-06-01", null));
        openEnded.put("tiles", new BigDecimal("4.00"));
        assertThat(validate(openEnded)).isEmpty();
    }

    @Test
    void missing_required_inputs_are_named_and_a_null_counts_as_missing() {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("period", null);
        assertThat(validate(parameters)).containsExactly(
                FieldError.typed("missing", "is required by process vegetation-index", "parameters", "bbox"),
                FieldError.typed("missing", "is required by process vegetation-index", "parameters", "period"));
        assertThat(ParameterValidation.validate(VEGETATION, null)).hasSize(2);
    }

    @Test
    void unknown_names_are_named_with_the_inputs_there_are() {
        assertThat(validate(Map.of("bbox", List.of(1, 2, 3, 4), "period", List.of("a", "b"), "colour", "red")))
                .containsExactly(FieldError.typed("extra_forbidden", "is not an input of process vegetation-index; its inputs are "
                        + "[area, at, bands, bbox, index, level, mask, period, scale, tiles]", "parameters", "colour"));
    }

    @Test
    void wrong_basic_types_and_options_are_one_error_each() {
        Map<String, Object> bad = new HashMap<>();
        bad.put("bbox", "Rome");
        bad.put("period", List.of("2024-06-01"));
        bad.put("index", "ndwi");
        bad.put("scale", "0.5");
        bad.put("tiles", 2.5);
        bad.put("mask", "yes");
        bad.put("bands", List.of("B04", 8));
        bad.put("area", List.of(1, 2));
        bad.put("at", 20240601);
        bad.put("level", 3);
        assertThat(validate(bad)).extracting(FieldError::field, FieldError::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("parameters.bbox", "value_error"),
                org.assertj.core.groups.Tuple.tuple("parameters.period", "value_error"),
                org.assertj.core.groups.Tuple.tuple("parameters.index", "enum"),
                org.assertj.core.groups.Tuple.tuple("parameters.scale", "float_type"),
                org.assertj.core.groups.Tuple.tuple("parameters.tiles", "int_type"),
                org.assertj.core.groups.Tuple.tuple("parameters.mask", "bool_type"),
                org.assertj.core.groups.Tuple.tuple("parameters.bands", "list_type"),
                org.assertj.core.groups.Tuple.tuple("parameters.area", "value_error"),
                org.assertj.core.groups.Tuple.tuple("parameters.at", "string_type"),
                org.assertj.core.groups.Tuple.tuple("parameters.level", "enum"));
        assertThat(validate(bad)).extracting(FieldError::field, FieldError::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("parameters.bbox", "must be a bounding box: {west, south, east, north},"
                        + " [west, south, east, north] or a GeoJSON Polygon"),
                org.assertj.core.groups.Tuple.tuple("parameters.period", "must be a [start, end] pair of date strings"),
                org.assertj.core.groups.Tuple.tuple("parameters.index", "must be one of [ndvi, evi]"),
                org.assertj.core.groups.Tuple.tuple("parameters.scale", "must be a number"),
                org.assertj.core.groups.Tuple.tuple("parameters.tiles", "must be an integer"),
                org.assertj.core.groups.Tuple.tuple("parameters.mask", "must be a boolean"),
                org.assertj.core.groups.Tuple.tuple("parameters.bands", "must be an array of strings"),
                org.assertj.core.groups.Tuple.tuple("parameters.area", "must be a GeoJSON geometry object"),
                org.assertj.core.groups.Tuple.tuple("parameters.at", "must be a date-time string"),
                org.assertj.core.groups.Tuple.tuple("parameters.level", "must be one of [1, 2]"));
    }
}
