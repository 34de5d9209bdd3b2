package io.steward.engine.blueprint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns composed YAML into plain, JSON-ready Java data. Scalars are resolved with SnakeYAML's own safe rules (so
 * {@code 0x10}, {@code 1_000} and {@code yes} mean what YAML 1.1 says, as in Cloudify's PyYAML), but timestamps stay
 * strings because a plan must serialise to JSON without a date type.
 */
final class PlainValues {
    /** Deeper than any sane blueprint; it stops recursive aliases ({@code &a [*a]}) from overflowing the stack. */
    private static final int MAX_DEPTH = 64;
    private static final Set<Tag> CONSTRUCTED = Set.of(Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL);

    private PlainValues() {
    }

    static Object of(YamlValue value) {
        return convert(value, 0);
    }

    private static Object convert(YamlValue value, int depth) {
        if (depth > MAX_DEPTH) {
            throw value.error("value is nested too deeply (recursive YAML alias?)");
        }
        if (value.isMapping()) {
            Map<String, Object> map = new LinkedHashMap<>();
            value.entries().forEach((key, child) -> map.put(key, convert(child, depth + 1)));
            return Collections.unmodifiableMap(map);
        }
        if (value.isSequence()) {
            List<Object> list = new ArrayList<>();
            value.items().forEach(item -> list.add(convert(item, depth + 1)));
            return Collections.unmodifiableList(list);
        }
        return scalar(value);
    }

    private static Object scalar(YamlValue value) {
        ScalarNode scalar = (ScalarNode) value.node();
        Tag tag = scalar.getTag();
        if (Tag.STR.equals(tag) || Tag.TIMESTAMP.equals(tag)) {
            return scalar.getValue();
        }
        if (!CONSTRUCTED.contains(tag)) {
            throw value.error("unsupported YAML tag " + tag.getValue());
        }
        try {
            return new ScalarConstructor().construct(scalar);
        } catch (YAMLException | NumberFormatException e) {
            throw value.error("cannot read '" + scalar.getValue() + "' as " + tag.getValue());
        }
    }

    /** Exposes SnakeYAML's protected scalar construction; one instance per scalar keeps it stateless. */
    private static final class ScalarConstructor extends SafeConstructor {
        ScalarConstructor() {
            super(new LoaderOptions());
        }

        Object construct(ScalarNode node) {
            return constructObject(node);
        }
    }
}
