package io.synod.examples.node;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's client port: a line protocol on 127.0.0.1 only (see {@link ClientCommand}), one
 * thread per connection, each request answered before the next is read. Loopback only, because
 * the protocol has neither authentication nor encryption: it is for tests, scripts and an
 * operator on the machine, not for the network.
 *
 * <p><b>Bounds.</b> A line longer than {@link #MAX_LINE} bytes is refused with
 * {@code ERR TOO_LONG} as soon as that many bytes have come without a newline, and its connection
 * closed; more than {@link #MAX_CONNECTIONS} connections at once are refused with {@code ERR BUSY}.
 */
final class ClientPort implements AutoCloseable {

    /** Longest request line, in bytes, newline excluded. */
    static final int MAX_LINE = 64 * 1024;
    /** Most client connections at once. */
    static final int MAX_CONNECTIONS = 64;

    private static final Logger LOG = LoggerFactory.getLogger(ClientPort.class);

    /** Answers one request line with one answer line (no newline). */
    @FunctionalInterface
    interface Handler {
        String answer(String line);
    }

    private final ServerSocket server;
    private final Handler handler;
    private final Thread acceptor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private ClientPort(ServerSocket server, Handler handler, String name) {
        this.server = server;
        this.handler = handler;
        this.acceptor = new Thread(this::acceptLoop, name + "-clients");
        acceptor.setDaemon(true);
    }

    /**
     * Listens on 127.0.0.1:{@code port} (0 picks a free port) and starts taking connections.
     *
     * @throws UncheckedIOException naming the port if it cannot be bound
     */
    static ClientPort open(int port, Handler handler, String name) {
        ServerSocket server;
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for clients on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        ClientPort clientPort = new ClientPort(server, handler, name);
        clientPort.acceptor.start();
        return clientPort;
    }

    /** The port clients connect to. */
    int port() {
        return server.getLocalPort();
    }

    /** Stops taking connections and closes every open one; a request being served finishes unanswered. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("closing the client port", e);
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.error("the client port stopped accepting", e);
                }
                return;
            }
            if (open.size() >= MAX_CONNECTIONS) {
                refuse(socket, "ERR BUSY at most " + MAX_CONNECTIONS + " clients at once");
                continue;
            }
            open.add(socket);
            Thread serving = new Thread(() -> serve(socket), acceptor.getName() + "-" + socket.getPort());
            serving.setDaemon(true);
            serving.start();
            if (closed) {
                closeQuietly(socket);
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream());
             OutputStream out = socket.getOutputStream()) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (!closed) {
                line.reset();
                Status read = readLine(in, line);
                if (read == Status.END) {
                    return;
                }
                if (read == Status.TOO_LONG) {
                    write(out, "ERR TOO_LONG a request line has at most " + MAX_LINE + " bytes");
                    return;
                }
                String text = line.toString(StandardCharsets.UTF_8);
                if (text.endsWith("\r")) {
                    text = text.substring(0, text.length() - 1);
                }
                write(out, handler.answer(text));
            }
        } catch (IOException e) {
            // The client went away or the port closed: nothing to answer.
            LOG.debug("client connection ended", e);
        } finally {
            open.remove(socket);
        }
    }

    private enum Status { LINE, END, TOO_LONG }

    private static Status readLine(InputStream in, ByteArrayOutputStream line) throws IOException {
        while (true) {
            int b = in.read();
            if (b < 0) {
                return Status.END;
            }
            if (b == '\n') {
                return Status.LINE;
            }
            if (line.size() == MAX_LINE) {
                return Status.TOO_LONG;
            }
            line.write(b);
        }
    }

    private static void write(OutputStream out, String answer) throws IOException {
        String oneLine = answer.replace('\n', ' ').replace('\r', ' ');
        out.write((oneLine + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void refuse(Socket socket, String answer) {
        try (socket; OutputStream out = socket.getOutputStream()) {
            write(out, answer);
        } catch (IOException e) {
            LOG.debug("refusing a client", e);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing a client connection", e);
        }
    }
}
