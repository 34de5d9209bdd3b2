package io.steward.engine.blueprint;

import io.steward.engine.document.DocumentLimits;
import io.steward.engine.document.DocumentTooLargeException;
import io.steward.engine.document.YamlExpansion;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.Problem;
import java.io.StringReader;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Composes one YAML file into a {@link YamlValue} tree. Only the composer runs (no object construction), so the tree
 * keeps every line number; syntax errors and duplicate keys are reported with their position. The composed document
 * is measured as expanded before anything walks it, so an alias bomb is refused before it can build anything.
 */
final class YamlLoader {
    private YamlLoader() {
    }

    /**
     * @param source archive path used in messages for imported files; empty for the main blueprint
     * @param label  how to name the file in a syntax error
     */
    static YamlValue load(String text, String source, String label, DocumentLimits limits) {
        Node node;
        try {
            limits.checkLength(text, label);
            node = newYaml(limits).compose(new StringReader(text));
            if (node != null) {
                YamlExpansion.check(node, limits, label);
            }
        } catch (DocumentTooLargeException e) {
            throw new InvalidInputException(Problem.INVALID_BLUEPRINT, e.getMessage());
        } catch (MarkedYAMLException e) {
            throw syntaxError(label, e);
        } catch (YAMLException e) {
            throw new InvalidInputException(Problem.INVALID_BLUEPRINT, label + ": invalid YAML: " + e.getMessage());
        }
        if (node == null) {
            throw new InvalidInputException(Problem.INVALID_BLUEPRINT, label + ": the file is empty");
        }
        YamlValue root = YamlValue.root(node, source);
        if (!root.isMapping()) {
            throw root.error(label + ": the top level must be a mapping, found " + root.describeKind());
        }
        rejectDuplicateKeys(root, Collections.newSetFromMap(new IdentityHashMap<>()));
        return root;
    }

    private static Yaml newYaml(DocumentLimits limits) {
        LoaderOptions options = YamlExpansion.loaderOptions(limits);
        return new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options);
    }

    private static InvalidInputException syntaxError(String label, MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
        String where = mark == null ? "" : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")";
        return new InvalidInputException(Problem.INVALID_BLUEPRINT, label + ": invalid YAML: " + problem + where);
    }

    private static void rejectDuplicateKeys(YamlValue value, Set<Node> visited) {
        if (!visited.add(value.node())) {
            return;
        }
        if (value.node() instanceof SequenceNode) {
            value.items().forEach(item -> rejectDuplicateKeys(item, visited));
            return;
        }
        if (!(value.node() instanceof MappingNode mapping)) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node key = tuple.getKeyNode();
            if (key instanceof ScalarNode scalar && !Tag.MERGE.equals(key.getTag()) && !seen.add(scalar.getValue())) {
                throw new YamlValue(value.childPath(scalar.getValue()), key, key.getStartMark(), value.source())
                        .error("duplicate key '" + scalar.getValue() + "'");
            }
        }
        value.entries().values().forEach(child -> rejectDuplicateKeys(child, visited));
    }
}
