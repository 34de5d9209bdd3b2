// Steward's Swagger UI: the Cloudify API's document from this server (the webjar's own file points elsewhere).
window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: "../openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: "StandaloneLayout",
    // The document's only paths are this server's: no box to fetch another document from elsewhere.
    queryConfigEnabled: false
  });
};
