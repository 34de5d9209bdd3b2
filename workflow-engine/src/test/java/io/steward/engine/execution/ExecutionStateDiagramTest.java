package io.steward.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/execution-states.md} equal to what the table draws. The docs folder is {@code ../docs} from the
 * module (the multi-module root's docs), or the system property {@code steward.docs.dir}.
 */
class ExecutionStateDiagramTest {

    private static final Path DOCS = Paths.get(System.getProperty("steward.docs.dir", "../docs"));

    @Test
    void the_committed_diagram_matches_the_transition_table() throws IOException {
        Path committed = DOCS.resolve("execution-states.md");
        Path fresh = DOCS.resolve("execution-states.md.new");
        String expected = ExecutionStateDiagram.markdown();

        if (Files.isRegularFile(committed) && Files.readString(committed, StandardCharsets.UTF_8).equals(expected)) {
            Files.deleteIfExists(fresh);
            return;
        }
        Files.createDirectories(DOCS);
        Files.writeString(fresh, expected, StandardCharsets.UTF_8);
        String problem = Files.exists(committed)
                ? " does not match the transition table (the table changed, or the file was edited by hand)"
                : " is missing";
        fail(committed.toAbsolutePath() + problem + ". The up-to-date file was written to " + fresh.toAbsolutePath()
                + "; review it, then move it into place: mv " + fresh + " " + committed);
    }

    @Test
    void the_diagram_draws_every_row_once_as_from_to_and_event() {
        String mermaid = ExecutionStateDiagram.mermaid();

        assertThat(mermaid).startsWith("stateDiagram-v2\n");
        for (ExecutionTransitions.Row row : ExecutionTransitions.rows()) {
            String line = "    " + row.from().wire() + " --> " + row.to().wire() + " : " + row.event().label() + "\n";
            assertThat(mermaid.split(line, -1)).as(line).hasSize(2);
        }
        assertThat(mermaid).contains("    [*] --> queued : created\n");
    }
}
