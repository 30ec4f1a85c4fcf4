package io.synod.examples.coordination.admin;

import io.synod.examples.coordination.wire.ConnectRequest;
import io.synod.examples.coordination.wire.JuteWriter;
import io.synod.examples.coordination.wire.OpCode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Mutated request frames sent over real connections to a live server, each after a valid handshake, while a
 * client of the official library goes on writing and reading: each bad frame closes at most its own
 * connection. (The decoder itself takes 100,000+ frames in {@code RequestDecoderFuzzProperties}; this is the
 * end-to-end half: that the port survives them and keeps its other clients.)
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BadFramesOnALiveServerTest {

    private static final int CONNECTIONS = 300;

    @TempDir
    Path dir;

    @Test
    void badFramesCloseOnlyTheirOwnConnections() throws Exception {
        long seed = Long.getLong("synod.fuzz.seed", System.nanoTime());
        try (AdminNode server = new AdminNode(dir, AdminConfig.embedded(), 0)) {
            ZooKeeper zk = server.connect();
            long session = zk.getSessionId();
            try {
                zk.create("/live", "0".getBytes(), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                SplittableRandom random = new SplittableRandom(seed);
                for (int i = 1; i <= CONNECTIONS; i++) {
                    sendBadFrame(server, mutate(validFrame(random), random));
                    if (i % 30 == 0) {
                        int n = i / 30;
                        zk.setData("/live", Integer.toString(n).getBytes(), n - 1);
                        assertEquals(Integer.toString(n), new String(zk.getData("/live", false, null)), "seed " + seed);
                    }
                }
                AdminNode.await("the bad connections gone", () -> server.node.service().connections() == 1);
                assertEquals(ZooKeeper.States.CONNECTED, zk.getState(), "seed " + seed);
                assertEquals(session, zk.getSessionId(), "the live client kept its session; seed " + seed);
                assertEquals(Integer.toString(CONNECTIONS / 30), new String(zk.getData("/live", false, null)));
            } catch (Exception | AssertionError e) {
                System.out.println("BadFramesOnALiveServerTest failed with seed " + seed + "; repeat with -Dsynod.fuzz.seed=" + seed);
                throw e;
            } finally {
                zk.close();
            }
        }
    }

    private static byte[] validFrame(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> JuteWriter.framed().writeInt(1).writeInt(OpCode.GET_DATA.code()).writeString("/live").writeBool(false).toFrame();
            case 1 -> JuteWriter.framed().writeInt(1).writeInt(OpCode.CREATE.code()).writeString("/fuzz")
                .writeBuffer(new byte[8]).writeInt(0).writeInt(0).toFrame();
            case 2 -> JuteWriter.framed().writeInt(1).writeInt(OpCode.SET_DATA.code()).writeString("/none")
                .writeBuffer(new byte[4]).writeInt(-1).toFrame();
            default -> JuteWriter.framed().writeInt(1).writeInt(OpCode.GET_CHILDREN.code()).writeString("/").writeBool(true).toFrame();
        };
    }

    /** Flips, cuts, lengthens, or overwrites a length or the op type with an extreme value. */
    private static byte[] mutate(byte[] frame, SplittableRandom random) {
        ByteBuffer b = ByteBuffer.wrap(frame.clone());
        int[] extremes = {-1, 0, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 24, 0x7FFF_FFF0};
        switch (random.nextInt(5)) {
            case 0 -> {
                for (int k = 0; k < 1 + random.nextInt(4); k++) {
                    int at = 4 + random.nextInt(frame.length - 4);
                    b.put(at, (byte) (b.get(at) ^ (1 << random.nextInt(8))));
                }
            }
            case 1 -> {
                int cut = 4 + random.nextInt(frame.length - 4);
                b = ByteBuffer.wrap(java.util.Arrays.copyOf(frame, cut));
                b.putInt(0, cut - 4);
            }
            case 2 -> b.putInt(8 + random.nextInt(frame.length - 11), extremes[random.nextInt(extremes.length)]);
            case 3 -> b.putInt(8, random.nextInt(-20, 200));
            default -> b.putInt(0, extremes[random.nextInt(extremes.length)]);
        }
        return b.array();
    }

    private static void sendBadFrame(AdminNode server, byte[] bad) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(server.host(), server.port()), 30_000);
            s.setSoTimeout(30_000);
            JuteWriter hello = JuteWriter.framed();
            new ConnectRequest(0, 0, 30_000, 0, new byte[16], false, false).write(hello);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(hello.toFrame());
            out.writeBytes(bad);
            s.getOutputStream().write(out.toByteArray());
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            in.readNBytes(4); // the handshake's answer begins: the server read the connect before the bad frame
        }
    }
}
