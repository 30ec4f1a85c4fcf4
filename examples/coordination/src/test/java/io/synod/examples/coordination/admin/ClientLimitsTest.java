package io.synod.examples.coordination.admin;

import io.synod.examples.coordination.tree.TreeConfig;
import io.synod.examples.coordination.wire.ConnectRequest;
import io.synod.examples.coordination.wire.JuteWriter;
import io.synod.examples.coordination.wire.OpCode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The client port's limits on a live server: each exceeded limit affects its own connection and no other. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ClientLimitsTest {

    @TempDir
    Path dir;

    @Test
    void aGetChildrenLongerThanAFrameIsAnsweredMarshallingErrorAndTheSessionGoesOn() throws Exception {
        // jute.maxbuffer 1 KiB: a frame may hold 1 KiB + 16 KiB; 200 names of 100 characters take ~21 KB.
        try (AdminNode server = new AdminNode(dir, AdminConfig.embedded(), 0, new TreeConfig(1024))) {
            ZooKeeper zk = server.connect();
            try {
                zk.create("/big", "ok".getBytes(), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                // One create per request: a write frame longer than jute.maxbuffer closes its connection, as
                // ZooKeeper's does, so a multi of these would not fit.
                for (int i = 0; i < 200; i++) {
                    zk.create("/big/" + String.format("%03d", i) + "x".repeat(97), null, ZooDefs.Ids.OPEN_ACL_UNSAFE,
                        CreateMode.PERSISTENT);
                }
                assertEquals(200, zk.exists("/big", false).getNumChildren());
                assertThrows(KeeperException.MarshallingErrorException.class, () -> zk.getChildren("/big", false));
                assertEquals(ZooKeeper.States.CONNECTED, zk.getState(), "an error, not a dropped connection");
                assertArrayEquals("ok".getBytes(), zk.getData("/big", false, null));
                assertEquals(List.of("zookeeper", "big"), zk.getChildren("/", false).stream().sorted(
                    java.util.Comparator.reverseOrder()).toList());
            } finally {
                zk.close();
            }
        }
    }

    @Test
    void aClientThatReadsNothingIsDisconnectedWhileAnotherGoesOn() throws Exception {
        try (AdminNode server = new AdminNode(dir, AdminConfig.embedded(), 0)) {
            ZooKeeper zk = server.connect();
            try {
                byte[] blob = new byte[1_000_000];
                Arrays.fill(blob, (byte) 7);
                zk.create("/blob", blob, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                zk.create("/counter", "0".getBytes(), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

                try (Socket slow = new Socket()) {
                    slow.setReceiveBufferSize(4096);
                    slow.connect(new InetSocketAddress(server.host(), server.port()), 30_000);
                    OutputStream out = slow.getOutputStream();
                    JuteWriter hello = JuteWriter.framed();
                    new ConnectRequest(0, 0, 30_000, 0, new byte[16], false, false).write(hello);
                    ByteArrayOutputStream burst = new ByteArrayOutputStream();
                    burst.writeBytes(hello.toFrame());
                    // 40 reads of a megabyte: far more than the 8 MiB the port holds for a connection, and the kernel's buffers.
                    for (int xid = 1; xid <= 40; xid++) {
                        burst.writeBytes(JuteWriter.framed().writeInt(xid).writeInt(OpCode.GET_DATA.code()).writeString("/blob")
                            .writeBool(false).toFrame());
                    }
                    out.write(burst.toByteArray());
                    out.flush();

                    // The other client goes on meanwhile: each of its writes and reads answered.
                    for (int i = 1; i <= 20; i++) {
                        zk.setData("/counter", Integer.toString(i).getBytes(), i - 1);
                        assertEquals(Integer.toString(i), new String(zk.getData("/counter", false, null)));
                    }
                    AdminNode.await("the client that reads nothing disconnected", () -> server.node.service().connections() == 1);
                    for (int i = 21; i <= 40; i++) {
                        zk.setData("/counter", Integer.toString(i).getBytes(), i - 1);
                    }
                    assertEquals("40", new String(zk.getData("/counter", false, null)));
                    assertEquals(ZooKeeper.States.CONNECTED, zk.getState());
                }
            } finally {
                zk.close();
            }
        }
    }
}
