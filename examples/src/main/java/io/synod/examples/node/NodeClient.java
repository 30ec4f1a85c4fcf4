package io.synod.examples.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A client of a node's client port: one connection, one request at a time. Not thread-safe; give
 * each thread its own.
 *
 * <pre>{@code
 * try (NodeClient client = NodeClient.connect(7201, Duration.ofSeconds(30))) {
 *     client.request("PUT colour blue");      // "OK " and the previous value
 *     client.request("GET colour");           // "OK blue"
 * }
 * }</pre>
 */
public final class NodeClient implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    private NodeClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
    }

    /**
     * Connects to 127.0.0.1:{@code port}; {@code timeout} bounds the connect and every answer.
     *
     * @throws IOException if the node cannot be reached
     */
    public static NodeClient connect(int port, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            socket.setTcpNoDelay(true);
            return new NodeClient(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Sends one request line and returns the answer line ({@code OK ...} or {@code ERR <CODE> ...}).
     *
     * @throws IOException if the connection fails, or closes before an answer
     */
    public String request(String line) throws IOException {
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a request is one line");
        }
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        String answer = in.readLine();
        if (answer == null) {
            throw new IOException("the node closed the connection before answering '" + line + "'");
        }
        return answer;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
