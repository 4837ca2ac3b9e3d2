package io.github.articletag.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback in front of the real test server, so that a test can make that server look stopped
 * (connections refused, open ones cut) or silent (connections accepted, never answered) and then bring it
 * back, without disturbing the server the rest of the run shares.
 */
public final class TcpProxy implements AutoCloseable {

    private final String upstreamHost;
    private final int upstreamPort;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket listener;
    private volatile boolean silent;

    /**
     * Starts forwarding from a free loopback port to {@code upstreamHost:upstreamPort}. The port is below the
     * kernel's ephemeral range (Linux: 32768 and up): a stopped proxy's port freed there could be taken by any
     * outgoing connection meanwhile, and the restart could not bind it again.
     */
    public TcpProxy(String upstreamHost, int upstreamPort) throws IOException {
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        ServerSocket first = null;
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; first == null; attempt++) {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            try {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 20_000 + random.nextInt(12_000)), 50);
                first = socket;
            } catch (IOException taken) {
                socket.close();
                if (attempt == 100) {
                    throw taken;
                }
            }
        }
        this.port = first.getLocalPort();
        listen(first);
    }

    /** The port clients connect to. */
    public int port() {
        return port;
    }

    /** The JDBC URL {@code url} with its host and port replaced by this proxy's. */
    public String route(String url) {
        return url.replaceFirst("//[^/]+/", "//127.0.0.1:" + port + "/");
    }

    /** Like a server that stopped: open connections are cut and new ones refused. */
    public void stop() throws IOException {
        ServerSocket current = listener;
        listener = null;
        if (current != null) {
            current.close();
        }
        cutAll();
    }

    /** Like a server that hangs: open connections are cut, new ones accepted and never answered. */
    public void silence() throws IOException {
        silent = true;
        cutAll();
        if (listener == null) {
            start();
        }
    }

    /** Forwards again, as after a restart. */
    public void start() throws IOException {
        silent = false;
        if (listener == null) {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            listen(socket);
        }
    }

    private void listen(ServerSocket socket) {
        listener = socket;
        Thread acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    open.add(client);
                    if (!silent) {
                        forward(client);
                    }
                } catch (IOException closed) {
                    return;
                }
            }
        }, "tcp-proxy-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void forward(Socket client) throws IOException {
        Socket server = new Socket(upstreamHost, upstreamPort);
        open.add(server);
        pump(client, server);
        pump(server, client);
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException cut) {
                // one side went away: the other is closed below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-proxy-pump-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    private void cutAll() {
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
