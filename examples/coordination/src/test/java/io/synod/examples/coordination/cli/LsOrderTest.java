package io.synod.examples.coordination.cli;

import io.synod.examples.coordination.client.ZooKeeperClient;
import io.synod.examples.coordination.tree.Stat;
import io.synod.examples.coordination.wire.ClientRequest;
import io.synod.examples.coordination.wire.ConnectResponse;
import io.synod.examples.coordination.wire.GetChildren2Response;
import io.synod.examples.coordination.wire.OpCode;
import io.synod.examples.coordination.wire.ReplyFrames;
import io.synod.examples.coordination.wire.ReplyHeader;
import io.synod.examples.coordination.wire.RequestDecoder;
import io.synod.examples.coordination.wire.Response;
import io.synod.examples.coordination.wire.WatchableRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ls sorts what it prints, as zkCli does: ZooKeeper's servers list children in no particular order (ours
 * sorts them, so a scripted server that answers unsorted is the judge here).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LsOrderTest {

    private static final Map<String, List<String>> TREE = Map.of("/", List.of("zz", "a", "m"), "/zz", List.of("y", "b"),
        "/a", List.of(), "/m", List.of(), "/zz/y", List.of(), "/zz/b", List.of());

    @Test
    void lsAndLsRecursivePrintChildrenSorted() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread fake = new Thread(() -> serve(listener));
            fake.setDaemon(true);
            fake.start();
            StringWriter out = new StringWriter();
            try (ZooKeeperClient zk = ZooKeeperClient.connect(new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort()),
                30_000, e -> {
                })) {
                CliCommands commands = new CliCommands(zk, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
                assertEquals(0, commands.commandLine().execute("ls", "/"));
                assertEquals(0, commands.commandLine().execute("ls", "-R", "/"));
            }
            assertEquals(List.of("[a, m, zz]", "/", "/a", "/m", "/zz", "/zz/b", "/zz/y"), out.toString().lines().toList());
        }
    }

    /** Grants a session, then answers getChildren2 from {@link #TREE} in its unsorted order, and anything else with no body. */
    private static void serve(ServerSocket listener) {
        try (Socket s = listener.accept()) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            in.readFully(new byte[in.readInt()]);
            out.write(ReplyFrames.connect(new ConnectResponse(0, 30_000, 0x42, new byte[16], false, false)));
            while (true) {
                byte[] frame = new byte[in.readInt()];
                in.readFully(frame);
                ClientRequest request = RequestDecoder.decode(frame);
                Response body = Response.EMPTY;
                if (request.request().op() == OpCode.GET_CHILDREN2) {
                    body = new GetChildren2Response(TREE.get(((WatchableRequest) request.request()).path()), Stat.NONE);
                }
                if (request.request().op() != OpCode.PING) {
                    out.write(ReplyFrames.reply(new ReplyHeader(request.header().xid(), 1, 0), body));
                }
            }
        } catch (IOException e) {
            // the client closed
        }
    }
}
