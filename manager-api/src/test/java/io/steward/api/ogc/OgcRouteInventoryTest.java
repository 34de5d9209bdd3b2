package io.steward.api.ogc;

import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import io.steward.api.support.StewardServer;
import io.steward.api.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document's route inventory is exactly the routes the server serves under /ogcapi. */
class OgcRouteInventoryTest {

    @Test
    void the_openapi_document_lists_every_ogc_route_and_no_other() {
        Set<String> served = new TreeSet<>();
        try (StewardServer server = StewardServer.start(TestDatabase.h2())) {
            server.context().getBean(Router.class).uriRoutes()
                    .forEach(route -> {
                        String path = route.getUriMatchTemplate().toString();
                        // Micronaut adds a HEAD route beside every GET by itself.
                        if (path.startsWith("/ogcapi") && !route.getHttpMethod().name().equals("HEAD")) {
                            served.add(route.getHttpMethod().name().toLowerCase(Locale.ROOT) + " "
                                    + normalize(path.substring("/ogcapi".length())));
                        }
                    });
        }
        Set<String> documented = new TreeSet<>();
        OpenApiDocument.ROUTES.forEach(r -> documented.add(r.method() + " " + normalize(r.path())));
        assertThat(served).isEqualTo(documented);
    }

    private static String normalize(String path) {
        String p = path.replaceAll("\\{[^}]+}", "{}");
        return p.isEmpty() ? "/" : p;
    }
}
