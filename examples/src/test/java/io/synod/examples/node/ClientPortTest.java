package io.synod.examples.node;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client port's framing and bounds, with a handler that echoes. */
class ClientPortTest {

    private static final Duration ANSWER = Duration.ofSeconds(30);

    @Test
    void answersEachLineInOrderOnOneConnection() throws IOException {
        try (ClientPort port = ClientPort.open(0, line -> "OK " + line.length() + " " + line, "test");
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), port.port())) {
            socket.setSoTimeout((int) ANSWER.toMillis());
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            // Three requests in one write: each is answered, in order.
            socket.getOutputStream().write("first\n\nwith  spaces \r\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("OK 5 first", in.readLine());
            assertEquals("OK 0 ", in.readLine());
            assertEquals("OK 13 with  spaces ", in.readLine(), "a CR before the newline is dropped, nothing else");
        }
    }

    @Test
    void aLineTooLongIsRefusedBeforeItIsBufferedAndItsConnectionClosed() throws IOException {
        List<Integer> handled = new ArrayList<>();
        try (ClientPort port = ClientPort.open(0, line -> {
            handled.add(line.length());
            return "OK";
        }, "test"); Socket socket = new Socket(InetAddress.getLoopbackAddress(), port.port())) {
            socket.setSoTimeout((int) ANSWER.toMillis());
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            out.write(("x".repeat(ClientPort.MAX_LINE) + "\n").getBytes(StandardCharsets.UTF_8));
            assertEquals("OK", in.readLine(), "a line of exactly the bound is served");
            // No newline at all: the port must give up at the bound, not wait for one.
            out.write("y".repeat(ClientPort.MAX_LINE + 1).getBytes(StandardCharsets.UTF_8));
            out.flush();
            String refusal = in.readLine();
            assertTrue(refusal.startsWith("ERR TOO_LONG"), refusal);
            assertNull(in.readLine(), "the connection is closed after the refusal");
            assertEquals(List.of(ClientPort.MAX_LINE), handled, "the long line never reached the handler");
        }
    }

    @Test
    void connectionsBeyondTheBoundAreRefusedAsBusy() throws IOException {
        List<NodeClient> clients = new ArrayList<>();
        try (ClientPort port = ClientPort.open(0, line -> "OK", "test")) {
            for (int i = 0; i < ClientPort.MAX_CONNECTIONS; i++) {
                NodeClient c = NodeClient.connect(port.port(), ANSWER);
                clients.add(c);
                assertEquals("OK", c.request("hello"), "connection " + i + " is served");
            }
            try (NodeClient extra = NodeClient.connect(port.port(), ANSWER)) {
                String answer = extra.request("hello");
                assertTrue(answer.startsWith("ERR BUSY"), answer);
            }
            clients.remove(0).close();
            Poll.until(() -> {
                try (NodeClient again = NodeClient.connect(port.port(), ANSWER)) {
                    return again.request("hello").equals("OK");
                } catch (IOException e) {
                    return false;
                }
            }, "a freed place to be taken again");
        } finally {
            for (NodeClient c : clients) {
                c.close();
            }
        }
    }
}
