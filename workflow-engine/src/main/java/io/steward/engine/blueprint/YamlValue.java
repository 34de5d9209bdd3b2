package io.steward.engine.blueprint;

import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One node of a composed YAML document together with where it sits: its field path ({@code node_templates.web.type})
 * and the line it starts on. Every blueprint error is raised through {@link #error}, so each message names both.
 *
 * @param path   dotted field path from the document root; empty for the root itself
 * @param node   SnakeYAML's composed node
 * @param mark   where the value's key (or the list item) starts; used for the line in messages
 * @param source the archive path of an imported file, or empty for the main blueprint file
 */
record YamlValue(String path, Node node, Mark mark, String source) {

    static YamlValue root(Node node, String source) {
        return new YamlValue("", node, node.getStartMark(), source);
    }

    boolean isMapping() {
        return node instanceof MappingNode;
    }

    boolean isSequence() {
        return node instanceof SequenceNode;
    }

    boolean isNull() {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    int line() {
        return mark.getLine() + 1;
    }

    /** The mapping's entries in document order; YAML merge keys ({@code <<: *anchor}) are applied first. */
    Map<String, YamlValue> entries() {
        if (!isMapping()) {
            throw error("expected a mapping, found " + describeKind());
        }
        Map<String, YamlValue> merged = new LinkedHashMap<>();
        Map<String, YamlValue> explicit = new LinkedHashMap<>();
        for (NodeTuple tuple : ((MappingNode) node).getValue()) {
            Node key = tuple.getKeyNode();
            if (Tag.MERGE.equals(key.getTag())) {
                mergeInto(merged, tuple.getValueNode(), key.getStartMark());
                continue;
            }
            String name = keyText(key);
            explicit.put(name, new YamlValue(childPath(name), tuple.getValueNode(), key.getStartMark(), source));
        }
        merged.putAll(explicit);
        return Collections.unmodifiableMap(merged);
    }

    /** Entries of an optional mapping: an absent or {@code null} value is an empty mapping. */
    Map<String, YamlValue> entriesOrEmpty() {
        return isNull() ? Map.of() : entries();
    }

    List<YamlValue> items() {
        if (!isSequence()) {
            throw error("expected a list, found " + describeKind());
        }
        List<Node> nodes = ((SequenceNode) node).getValue();
        List<YamlValue> items = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            Node item = nodes.get(i);
            items.add(new YamlValue(childPath(String.valueOf(i)), item, item.getStartMark(), source));
        }
        return List.copyOf(items);
    }

    Optional<YamlValue> child(String key) {
        return Optional.ofNullable(entries().get(key)).filter(value -> !value.isNull());
    }

    /** A scalar written as a string (quoted or plain); numbers, booleans and nulls are refused. */
    String string() {
        if (!(node instanceof ScalarNode scalar) || !Tag.STR.equals(scalar.getTag())) {
            throw error("expected a string, found " + describeKind());
        }
        return scalar.getValue();
    }

    int integer() {
        Object value = plain();
        if (value instanceof Integer number) {
            return number;
        }
        throw error("expected an integer, found " + describeKind());
    }

    boolean bool() {
        Object value = plain();
        if (value instanceof Boolean flag) {
            return flag;
        }
        throw error("expected true or false, found " + describeKind());
    }

    /** The value as plain Java data: Maps (ordered), Lists, Strings, Numbers, Booleans and nulls. */
    Object plain() {
        return PlainValues.of(this);
    }

    void allowOnly(Set<String> allowed) {
        for (YamlValue entry : entries().values()) {
            String key = entry.path().substring(entry.path().lastIndexOf('.') + 1);
            if (!allowed.contains(key)) {
                throw entry.error("unknown key; allowed keys are " + allowed.stream().sorted().toList());
            }
        }
    }

    InvalidInputException error(String message) {
        String where = source.isEmpty() ? "line " + line() : "line " + line() + " of " + source;
        String prefix = path.isEmpty() ? "" : path + ": ";
        return new InvalidInputException(Problem.INVALID_BLUEPRINT, prefix + message + " (" + where + ")");
    }

    YamlValue withPath(String newPath) {
        return new YamlValue(newPath, node, mark, source);
    }

    String childPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    String describeKind() {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (isNull()) {
            return "nothing (null)";
        }
        return "'" + ((ScalarNode) node).getValue() + "'";
    }

    private String keyText(Node key) {
        if (key instanceof ScalarNode scalar && !Tag.NULL.equals(scalar.getTag())) {
            return scalar.getValue();
        }
        throw new YamlValue(path, key, key.getStartMark(), source).error("keys must be plain scalars");
    }

    private void mergeInto(Map<String, YamlValue> merged, Node mergeValue, Mark at) {
        List<Node> sources = mergeValue instanceof SequenceNode seq ? seq.getValue() : List.of(mergeValue);
        // In a merge list the first mapping wins, so apply them in reverse.
        for (int i = sources.size() - 1; i >= 0; i--) {
            YamlValue mergedMap = new YamlValue(path, sources.get(i), at, source);
            merged.putAll(mergedMap.entries());
        }
    }
}
