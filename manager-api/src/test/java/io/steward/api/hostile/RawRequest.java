package io.steward.api.hostile;

import io.micronaut.json.JsonMapper;
import io.steward.api.support.Api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sends a request line no URI class accepts (a broken escape, a raw space or control character) over a plain
 * socket, as a hostile client would, and reads the one response ({@code Connection: close}).
 */
final class RawRequest {
    private RawRequest() {
    }

    static Api.Response send(URI server, String method, String path, String authorization, String tenant,
                             JsonMapper mapper) throws IOException {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: " + server.getHost() + "\r\nAuthorization: "
                    + authorization + "\r\nTenant: " + tenant + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            return parse(socket.getInputStream().readAllBytes(), mapper);
        }
    }

    private static Api.Response parse(byte[] bytes, JsonMapper mapper) throws IOException {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no complete response: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    k -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
        }
        String body = text.substring(end + 4);
        if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
            body = unchunk(body);
        }
        return new Api.Response(status, body, headers, mapper);
    }

    private static String unchunk(String body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = new java.io.ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
        while (true) {
            StringBuilder size = new StringBuilder();
            int c;
            while ((c = in.read()) != '\r') {
                if (c < 0) {
                    return out.toString(StandardCharsets.UTF_8);
                }
                size.append((char) c);
            }
            in.read();
            int length = Integer.parseInt(size.toString().trim(), 16);
            if (length == 0) {
                return out.toString(StandardCharsets.UTF_8);
            }
            out.write(in.readNBytes(length));
            in.read();
            in.read();
        }
    }
}
