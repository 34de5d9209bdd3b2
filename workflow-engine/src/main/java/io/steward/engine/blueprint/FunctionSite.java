package io.steward.engine.blueprint;

/**
 * A value whose function calls are checked once every node template is known.
 *
 * @param value  the YAML as written
 * @param self   the node that SELF (or SOURCE, in a relationship) names; null in outputs, where neither exists
 * @param target the relationship's target node that TARGET names; null outside relationships
 */
record FunctionSite(YamlValue value, String self, String target) {
    static FunctionSite ofNode(YamlValue value, String node) {
        return new FunctionSite(value, node, null);
    }

    static FunctionSite ofRelationship(YamlValue value, String source, String target) {
        return new FunctionSite(value, source, target);
    }

    static FunctionSite ofOutput(YamlValue value) {
        return new FunctionSite(value, null, null);
    }

    boolean inRelationship() {
        return target != null;
    }
}
