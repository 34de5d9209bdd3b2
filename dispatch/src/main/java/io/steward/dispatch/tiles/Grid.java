package io.steward.dispatch.tiles;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The tiling grids of APEx's {@code POST /tiles}: square cells of a side in Web Mercator metres. */
public enum Grid {
    KM_20("20x20km", 20_000),
    KM_250("250x250km", 250_000);

    private final String wire;
    private final double cellMetres;

    Grid(String wire, double cellMetres) {
        this.wire = wire;
        this.cellMetres = cellMetres;
    }

    public String wire() {
        return wire;
    }

    public double cellMetres() {
        return cellMetres;
    }

    public static Optional<Grid> fromWire(String wire) {
        return Arrays.stream(values()).filter(g -> g.wire.equals(wire)).findFirst();
    }

    public static List<String> wires() {
        return Arrays.stream(values()).map(Grid::wire).toList();
    }
}
