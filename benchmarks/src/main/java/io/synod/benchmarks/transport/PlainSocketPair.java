package io.synod.benchmarks.transport;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The baseline: two blocking sockets on loopback with Nagle off, and a thread that reads each
 * message of {@code size} bytes on one end and writes it back. No framing, no threads between
 * the socket and the caller: the least a round trip over TCP costs in Java.
 */
final class PlainSocketPair implements AutoCloseable {

    private final Socket client;
    private final Socket server;
    private final DataInputStream in;
    private final OutputStream out;
    private final Thread echo;
    private final byte[] message;
    private final byte[] reply;

    PlainSocketPair(int size) throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            server = listener.accept();
        }
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        in = new DataInputStream(client.getInputStream());
        out = client.getOutputStream();
        message = new byte[size];
        reply = new byte[size];
        echo = new Thread(() -> echo(size), "plain-socket-echo");
        echo.setDaemon(true);
        echo.start();
    }

    private void echo(int size) {
        byte[] buffer = new byte[size];
        try {
            DataInputStream serverIn = new DataInputStream(server.getInputStream());
            OutputStream serverOut = server.getOutputStream();
            while (true) {
                serverIn.readFully(buffer);
                serverOut.write(buffer);
            }
        } catch (IOException e) {
            // Closed at the end of the trial.
        }
    }

    /** One message there and back. */
    byte[] roundTrip() throws IOException {
        out.write(message);
        in.readFully(reply);
        return reply;
    }

    @Override
    public void close() throws IOException {
        client.close();
        server.close();
        try {
            echo.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
