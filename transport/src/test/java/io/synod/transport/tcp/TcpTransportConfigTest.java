package io.synod.transport.tcp;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TcpTransportConfigTest {

    private static TcpTransportConfig.Builder valid() {
        return TcpTransportConfig.builder(2)
            .member(1, new InetSocketAddress("127.0.0.1", 0))
            .member(2, new InetSocketAddress("127.0.0.1", 0))
            .member(3, new InetSocketAddress("127.0.0.1", 7003))
            .cluster("c", Loopback.SECRET)
            .protocol("notes", 1)
            .codec(Note.CODEC);
    }

    @Test
    void defaultsAreSafeAndValuesAreCopied() {
        byte[] secret = Loopback.SECRET.clone();
        TcpTransportConfig c = valid().cluster("c", secret).build();
        secret[0]++;
        assertArrayEquals(Loopback.SECRET, c.secret(), "the secret was copied");
        assertEquals(InetAddress.getLoopbackAddress(), c.bindAddress(), "listens on loopback unless told otherwise");
        assertEquals(2, c.backoffSeed(), "jitter seeded by the node id by default");
        assertTrue(c.tls().isEmpty());
        assertEquals(c.members(), c.toBuilder().build().members());
    }

    @Test
    void byteBoundsDefaultToTheirConstantsOrTwoFramesOfTheLargestSize() {
        TcpTransportConfig small = valid().build();
        assertEquals(TcpTransportConfig.DEFAULT_SEND_QUEUE_BYTES, small.sendQueueBytes());
        assertEquals(TcpTransportConfig.DEFAULT_INBOX_BYTES, small.inboxBytes());
        TcpTransportConfig large = valid().maxFrameLength(64 << 20).build();
        assertEquals(128 << 20, large.sendQueueBytes());
        assertEquals(128 << 20, large.inboxBytes());
        assertEquals(TcpTransportConfig.DEFAULT_SEND_QUEUE_BYTES, large.toBuilder().maxFrameLength(1 << 20).build().sendQueueBytes(),
            "a derived bound follows the frame bound it is derived from");
        TcpTransportConfig given = valid().sendQueueBytes(5 << 20).inboxBytes(6 << 20).build();
        assertEquals(5 << 20, given.toBuilder().build().sendQueueBytes());
        assertEquals(6 << 20, given.toBuilder().build().inboxBytes());
    }

    @Test
    void eachBadValueIsRefusedNamingIt() {
        refused(b -> TcpTransportConfig.builder(9).member(1, new InetSocketAddress(1)).cluster("c", Loopback.SECRET)
            .protocol("p", 1).codec(Note.CODEC), "must include this node, 9");
        refused(b -> b.member(3, new InetSocketAddress("127.0.0.1", 0)), "node 2 dials node 3");
        refused(b -> b.cluster("", Loopback.SECRET), "cluster id must be set");
        refused(b -> b.cluster("x".repeat(256), Loopback.SECRET), "cluster id must fit 255");
        refused(b -> b.cluster("c", new byte[15]), "at least 16 bytes, had 15");
        refused(b -> b.protocol(null, 1), "protocol name must be set");
        refused(b -> b.protocol("p", -1), "protocol version");
        refused(b -> TcpTransportConfig.builder(1).member(1, new InetSocketAddress(1)).cluster("c", Loopback.SECRET)
            .protocol("p", 1), "a codec is needed");
        refused(b -> b.codec(Note.CODEC), "channel 1 is given twice");
        refused(b -> b.maxFrameLength(63), "max frame length");
        refused(b -> b.sendQueueCapacity(0), "send queue capacity must be >= 1");
        refused(b -> b.maxFrameLength(1 << 20).sendQueueBytes((1 << 20) - 1), "send queue bytes must be >= the max frame length 1048576");
        refused(b -> b.maxFrameLength(1 << 20).inboxBytes(1000), "inbox bytes must be >= the max frame length 1048576");
        refused(b -> b.inboxCapacity(1), "inbox capacity");
        refused(b -> b.backoff(Duration.ZERO, Duration.ofSeconds(1)), "initial backoff must be positive");
        refused(b -> b.backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)), "max backoff");
        refused(b -> b.handshakeTimeout(Duration.ofMillis(-1)), "handshake timeout");
        refused(b -> b.maxPendingConnections(0), "max pending connections");
        assertThrows(IllegalArgumentException.class, () -> new CodecChannel(0, Note.class, Note.CODEC));
        assertThrows(IllegalArgumentException.class, () -> new CodecChannel(256, Note.class, Note.CODEC));
    }

    @Test
    void anAddressInUseIsReportedWithTheAddress() {
        try (Loopback one = new Loopback(1)) {
            int port = one.address(1).getPort();
            TcpTransportConfig clash = TcpTransportConfig.builder(1).member(1, new InetSocketAddress("127.0.0.1", port))
                .cluster("c", Loopback.SECRET).protocol("p", 1).codec(Note.CODEC).build();
            Exception e = assertThrows(java.io.UncheckedIOException.class, () -> TcpTransport.open(clash));
            assertTrue(e.getMessage().contains(":" + port), e.getMessage());
        }
    }

    private static void refused(UnaryOperator<TcpTransportConfig.Builder> change, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> change.apply(valid()).build());
        assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' should name '" + expected + "'");
    }
}
