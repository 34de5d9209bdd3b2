package io.steward.engine.blueprint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Orders node templates along their relationships: every relationship's target comes before its source. */
final class NodeOrdering {
    private NodeOrdering() {
    }

    /** Targets before sources; among nodes free to go, declaration order is kept, so the result is stable. */
    static List<NodeTemplate> topological(List<NodeTemplate> templates) {
        List<NodeTemplate> ordered = new ArrayList<>(templates.size());
        Set<String> placed = new LinkedHashSet<>();
        List<NodeTemplate> remaining = new ArrayList<>(templates);
        while (!remaining.isEmpty()) {
            NodeTemplate next = remaining.stream().filter(node -> placed.containsAll(node.dependsOn())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("relationship cycle; the parser refuses these"));
            ordered.add(next);
            placed.add(next.id());
            remaining.remove(next);
        }
        return List.copyOf(ordered);
    }

    /** A relationship cycle as node ids, first id repeated at the end ({@code a -> b -> a}), if there is one. */
    static Optional<List<String>> findCycle(List<NodeTemplate> templates) {
        Map<String, NodeTemplate> byId = new LinkedHashMap<>();
        templates.forEach(node -> byId.put(node.id(), node));
        Map<String, Boolean> finished = new HashMap<>();
        for (String id : byId.keySet()) {
            Optional<List<String>> cycle = visit(id, byId, finished, new ArrayList<>());
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        return Optional.empty();
    }

    private static Optional<List<String>> visit(String id, Map<String, NodeTemplate> byId,
                                                Map<String, Boolean> finished, List<String> path) {
        if (Boolean.TRUE.equals(finished.get(id))) {
            return Optional.empty();
        }
        int seenAt = path.indexOf(id);
        if (seenAt >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(seenAt, path.size()));
            cycle.add(id);
            return Optional.of(cycle);
        }
        path.add(id);
        for (String target : byId.get(id).dependsOn()) {
            Optional<List<String>> cycle = visit(target, byId, finished, path);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        finished.put(id, true);
        return Optional.empty();
    }
}
