package io.steward.engine.document;

import java.util.IdentityHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Measures a composed YAML document as it would be expanded, without expanding it. SnakeYAML composes an alias as a
 * second reference to the anchored node, so 24 lines of {@code xN: &xN [*xN-1, *xN-1]} compose to 50 nodes but
 * convert to 2^24. Each distinct node is measured once (its size memoised by identity), so measuring the
 * 2^24-node bomb visits 50 nodes; the count stops at the first subtree over a limit.
 */
public final class YamlExpansion {
    private final DocumentLimits limits;
    private final String what;
    private final Map<Node, Size> measured = new IdentityHashMap<>();

    private YamlExpansion(DocumentLimits limits, String what) {
        this.limits = limits;
        this.what = what;
    }

    /** SnakeYAML options that bound the text itself (its length in code points) before composing starts. */
    public static LoaderOptions loaderOptions(DocumentLimits limits) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(limits.maxSizeAsInt());
        return options;
    }

    /**
     * @param what names the document in the message, e.g. {@code "blueprint.yaml"}
     * @throws DocumentTooLargeException when the expanded document exceeds a limit, or never ends (an alias inside
     *                                   the collection it names)
     */
    public static void check(Node root, DocumentLimits limits, String what) {
        new YamlExpansion(limits, what).measure(root);
    }

    private Size measure(Node node) {
        Size known = measured.get(node);
        if (known == Size.IN_PROGRESS) {
            throw new DocumentTooLargeException(what + " is nested too deeply: a YAML alias refers to a collection"
                    + " that contains it, so it would expand without end");
        }
        if (known != null) {
            return known;
        }
        measured.put(node, Size.IN_PROGRESS);
        Size size = new Size(1, 0);
        if (node instanceof ScalarNode scalar) {
            size = new Size(1, scalar.getValue().length());
        } else if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                size = add(size, measure(item));
            }
        } else if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                size = add(add(size, measure(tuple.getKeyNode())), measure(tuple.getValueNode()));
            }
        }
        measured.put(node, size);
        return size;
    }

    /** Both parts stay below twice the limit, so the sums cannot overflow. */
    private Size add(Size sum, Size part) {
        Size total = new Size(sum.nodes() + part.nodes(), sum.characters() + part.characters());
        if (total.nodes() > limits.maxNodes()) {
            throw limits.tooManyNodes(what + " expands to a document that");
        }
        if (total.characters() > limits.maxSize()) {
            throw limits.tooLarge(what + " expands to a document that");
        }
        return total;
    }

    private record Size(long nodes, long characters) {
        static final Size IN_PROGRESS = new Size(-1, -1);
    }
}
