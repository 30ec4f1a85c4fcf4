package io.synod.benchmarks.transport;

import io.synod.api.Envelope;
import io.synod.spi.Transport;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code TcpTransport} between two nodes on loopback, beside plain blocking sockets in the same
 * run. {@code size} is the message body in bytes (64 or 16,384).
 *
 * <ul>
 *   <li>{@link #throughput}: node 1 sends to node 2 as fast as it can, with at most
 *       {@link OneWay#WINDOW} messages sent and not yet polled at node 2 (so that the bounded
 *       queues never drop: the figure counts delivered messages). Score: messages per second;
 *       aux counters {@code received} (messages polled at node 2) and {@code payloadBytes} per
 *       second, and {@code dropped} (must stay 0).</li>
 *   <li>{@link #roundTrip}: node 1 sends one message, node 2 polls it and sends it back, node 1
 *       polls the answer; both poll with the replica runtime's default idle strategy. Sampled.</li>
 *   <li>{@link #plainSocketRoundTrip}: the same exchange over two blocking sockets and an echo
 *       thread, without the transport. Sampled.</li>
 * </ul>
 */
@State(Scope.Benchmark)
// Connection logs at INFO would interleave with JMH's lines; warnings still show.
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class TcpTransportBenchmark {

    /** What the replica runtime idles with by default: spin, yield, then park from 1 us up to 1 ms. */
    static IdleStrategy replicaIdle() {
        return new BackoffIdleStrategy(1, 10, 1_000, 1_000_000);
    }

    /** Two connected nodes; node 2's messages are drained, and counted, by a thread of its own. */
    @State(Scope.Benchmark)
    public static class OneWay {
        /** Messages in flight at most: half of a peer's default send queue, so none is dropped. */
        static final int WINDOW = 4096;

        @Param({"64", "16384"})
        public int size;

        TwoNodes nodes;
        Envelope message;
        final AtomicLong received = new AtomicLong();
        /** Messages and their payload bytes, updated together per poll so a reader never sees one ahead of the other. */
        final Tally tally = new Tally();
        private long batchBytes;
        long sent;
        private volatile boolean running;
        private Thread drainer;

        @Setup(Level.Trial)
        public void start() {
            nodes = new TwoNodes(Math.max(64 * 1024, 2 * size));
            message = new Envelope(1, 2, new Blob(new byte[size]));
            running = true;
            drainer = new Thread(this::drain, "node-2-drainer");
            drainer.setDaemon(true);
            drainer.start();
        }

        private void drain() {
            IdleStrategy idle = replicaIdle();
            Transport.EnvelopeHandler count = e -> batchBytes += ((Blob) e.message()).payload().length;
            while (running) {
                batchBytes = 0;
                int n = nodes.two.poll(count, 1024);
                if (n > 0) {
                    tally.add(n, batchBytes);
                    received.lazySet(received.get() + n);
                }
                idle.idle(n);
            }
        }

        private final IdleStrategy windowIdle = replicaIdle();

        /** Sends one message once the window has room (idling as a replica would, not spinning a core away). */
        void send() {
            if (sent - received.get() >= WINDOW) {
                windowIdle.reset();
                while (sent - received.get() >= WINDOW) {
                    windowIdle.idle();
                }
            }
            nodes.one.send(message);
            sent++;
        }

        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            running = false;
            drainer.join(10_000);
            nodes.close();
        }
    }

    /** Messages polled and their payload bytes, read as one pair. */
    static final class Tally {
        private long messages;
        private long bytes;

        synchronized void add(long n, long payload) {
            messages += n;
            bytes += payload;
        }

        synchronized long[] read() {
            return new long[] {messages, bytes};
        }
    }

    /** What one iteration of {@link #throughput} delivered, as rates beside the score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Delivered {
        public long received;
        public long payloadBytes;
        public long dropped;
        private long received0;
        private long bytes0;
        private long dropped0;
        private int calls;

        @Setup(Level.Iteration)
        public void start(OneWay link) {
            long[] at = link.tally.read();
            received0 = at[0];
            bytes0 = at[1];
            dropped0 = link.nodes.dropped();
            calls = 0;
        }

        void observe(OneWay link) {
            if ((++calls & 1023) == 0) {
                read(link);
            }
        }

        @TearDown(Level.Iteration)
        public void report(OneWay link) {
            read(link);
        }

        private void read(OneWay link) {
            long[] at = link.tally.read();
            received = at[0] - received0;
            payloadBytes = at[1] - bytes0;
            dropped = link.nodes.dropped() - dropped0;
        }
    }

    /** Two connected nodes; node 2 sends every message back, on a thread of its own. */
    @State(Scope.Benchmark)
    public static class Echo {
        @Param({"64", "16384"})
        public int size;

        TwoNodes nodes;
        Envelope ping;
        private volatile boolean running;
        private Thread echo;
        private final IdleStrategy idle = replicaIdle();
        private Envelope reply;
        private final Transport.EnvelopeHandler onReply = e -> reply = e;

        @Setup(Level.Trial)
        public void start() {
            nodes = new TwoNodes(Math.max(64 * 1024, 2 * size));
            ping = new Envelope(1, 2, new Blob(new byte[size]));
            running = true;
            echo = new Thread(this::echo, "node-2-echo");
            echo.setDaemon(true);
            echo.start();
        }

        private void echo() {
            IdleStrategy echoIdle = replicaIdle();
            Transport.EnvelopeHandler back = e -> nodes.two.send(new Envelope(2, 1, e.message()));
            while (running) {
                echoIdle.idle(nodes.two.poll(back, 64));
            }
        }

        Envelope roundTrip() {
            reply = null;
            nodes.one.send(ping);
            idle.reset();
            while (reply == null) {
                idle.idle(nodes.one.poll(onReply, 1));
            }
            return reply;
        }

        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            running = false;
            echo.join(10_000);
            nodes.close();
        }
    }

    /** Blocking sockets and an echo thread: the baseline. */
    @State(Scope.Benchmark)
    public static class Plain {
        @Param({"64", "16384"})
        public int size;

        PlainSocketPair pair;

        @Setup(Level.Trial)
        public void start() throws IOException {
            pair = new PlainSocketPair(size);
        }

        @TearDown(Level.Trial)
        public void stop() throws IOException {
            pair.close();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(1)
    public void throughput(OneWay link, Delivered delivered) {
        link.send();
        delivered.observe(link);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(1)
    public Envelope roundTrip(Echo echo) {
        return echo.roundTrip();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(1)
    public byte[] plainSocketRoundTrip(Plain plain) throws IOException {
        return plain.pair.roundTrip();
    }
}
