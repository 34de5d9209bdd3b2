package io.steward.api.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP proxy on a random loopback port in front of a database server, to cut a server under test off from its
 * database without touching the database server (which other tests share). {@link #cut()} closes every proxied
 * connection and refuses new ones (accepted, then closed at once) until {@link #restore()}.
 */
public final class TcpProxy implements AutoCloseable {
    private static final Pattern HOST_PORT = Pattern.compile("//([^/:?]+)(?::(\\d+))?/");

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private volatile boolean closed;

    private TcpProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "tcp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * A proxy to the database that {@code database} (properties from {@link TestDatabase}) names, and those
     * properties pointed at the proxy instead.
     */
    public static TcpProxy inFrontOf(Map<String, Object> database) {
        String url = (String) database.get("datasources.default.url");
        Matcher hostPort = HOST_PORT.matcher(url);
        if (!hostPort.find()) {
            throw new IllegalArgumentException("No host in " + url);
        }
        int port = hostPort.group(2) == null ? 5432 : Integer.parseInt(hostPort.group(2));
        try {
            return new TcpProxy(new InetSocketAddress(hostPort.group(1), port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code database} with its URL pointed at this proxy. */
    public Map<String, Object> route(Map<String, Object> database) {
        Map<String, Object> routed = new java.util.HashMap<>(database);
        String url = (String) database.get("datasources.default.url");
        routed.put("datasources.default.url", HOST_PORT.matcher(url)
                .replaceFirst("//127.0.0.1:" + listener.getLocalPort() + "/"));
        return routed;
    }

    /** Closes every connection through the proxy and refuses new ones: the database is gone, as far as they see. */
    public synchronized void cut() {
        cut = true;
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    /** New connections go through again. */
    public void restore() {
        cut = false;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                synchronized (this) { // so that a cut cannot miss a connection being opened
                    if (cut) {
                        closeQuietly(client);
                        continue;
                    }
                    Socket server = new Socket(target.getAddress(), target.getPort());
                    open.add(client);
                    open.add(server);
                    pump(client, server);
                    pump(server, client);
                }
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to) throws IOException {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed (or the proxy cut it): close both
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        cut();
        closeQuietly(listener);
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
