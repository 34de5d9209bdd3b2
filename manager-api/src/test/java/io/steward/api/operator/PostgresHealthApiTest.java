package io.steward.api.operator;

import io.steward.api.support.Api;
import io.steward.api.support.Await;
import io.steward.api.support.StewardServer;
import io.steward.api.support.TcpProxy;
import io.steward.api.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@SuppressWarnings("unchecked")
class PostgresHealthApiTest extends AbstractHealthApiTest {
    @Override
    protected Map<String, Object> database() {
        return TestDatabase.postgres();
    }

    @Test
    void a_database_cut_off_turns_health_503_naming_the_database_until_it_is_back() {
        Map<String, Object> direct = TestDatabase.postgres();
        try (TcpProxy proxy = TcpProxy.inFrontOf(direct);
             StewardServer cutOff = StewardServer.start(proxy.route(direct))) {
            Await.until("the server healthy", Duration.ofSeconds(10), () -> cutOff.api().get("/health"),
                    r -> r.status() == 200);
            assertThat(components(cutOff.api().get("/health"))).containsKey("notices-steward_stop");

            proxy.cut();
            long cutAt = System.nanoTime();
            Api.Response down = Await.until("health naming the database", Duration.ofSeconds(10),
                    () -> cutOff.api().get("/health"), r -> r.status() == 503);
            assertThat(Duration.ofNanos(System.nanoTime() - cutAt)).as("noticed within").isLessThan(
                    Duration.ofSeconds(5));
            assertThat(down.json()).containsEntry("status", "DOWN");
            assertThat((List<Object>) down.json().get("down")).containsExactly("database");
            assertThat((Map<Object, Object>) components(down).get("database")).containsEntry("status", "DOWN")
                    .containsKey("error");

            proxy.restore();
            Await.until("health UP again", Duration.ofSeconds(20), () -> cutOff.api().get("/health"),
                    r -> r.status() == 200);
        }
    }
}
