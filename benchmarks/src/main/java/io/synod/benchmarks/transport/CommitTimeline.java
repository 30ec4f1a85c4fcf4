package io.synod.benchmarks.transport;

import io.synod.api.ApplyContext;
import io.synod.api.CoreStatus;
import io.synod.api.Envelope;
import io.synod.api.Message;
import io.synod.api.SnapshotWriter;
import io.synod.api.StateMachine;
import io.synod.paxos.multi.MultiPaxos;
import io.synod.runtime.Replica;
import io.synod.runtime.ReplicaConfig;
import io.synod.runtime.snapshot.SnapshotTransferCodec;
import io.synod.runtime.snapshot.SnapshotTransferMessage;
import io.synod.spi.MessageCodec;
import io.synod.spi.Transport;
import io.synod.storage.MemoryStorage;
import io.synod.transport.InJvmNetwork;
import io.synod.transport.tcp.CodecChannel;
import io.synod.transport.tcp.TcpTransport;
import io.synod.transport.tcp.TcpTransportConfig;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where one client's write on three Multi-Paxos replicas spends its time
 * ({@code ReplicatedWriteBenchmark}'s setting, memory stores, {@code maxBatch} 1): each replica's
 * transport is wrapped to note when its thread starts and ends each send and when it polls each
 * message, and over TCP the codec notes each decode on an I/O thread. For each such event it
 * prints the median time from the submit, over the commits in which it happened. Not a JMH
 * benchmark: a diagnosis, run as a plain main class.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.synod.benchmarks.transport.CommitTimeline tcp|in-jvm [commits]
 * </pre>
 */
public final class CommitTimeline {

    private static final int[] MEMBERS = {1, 2, 3};
    private static final byte[] SECRET = "benchmark secret, not a secret".getBytes(StandardCharsets.UTF_8);
    private static final int CAPACITY = 1 << 20;
    private static final long[] AT = new long[CAPACITY];
    private static final String[] WHAT = new String[CAPACITY];
    private static final AtomicInteger EVENTS = new AtomicInteger();
    private static volatile boolean recording;

    private CommitTimeline() {
    }

    private static void note(String what) {
        if (recording) {
            int i = EVENTS.getAndIncrement();
            if (i < CAPACITY) {
                AT[i] = System.nanoTime();
                WHAT[i] = what;
            }
        }
    }

    private static String describe(Envelope e) {
        return e.message().getClass().getSimpleName() + " " + e.from() + "->" + e.to();
    }

    /** Notes its replica thread's sends and polls. */
    private record Noting(Transport delegate) implements Transport {
        @Override
        public int self() {
            return delegate.self();
        }

        @Override
        public void send(Envelope envelope) {
            note("send starts " + describe(envelope));
            delegate.send(envelope);
            note("send ends   " + describe(envelope));
        }

        @Override
        public int poll(EnvelopeHandler handler, int limit) {
            return delegate.poll(new EnvelopeHandler() {
                @Override
                public void onEnvelope(Envelope e) {
                    note("polled      " + describe(e));
                    handler.onEnvelope(e);
                }

                @Override
                public void onSuspect(int peer) {
                    handler.onSuspect(peer);
                }
            }, limit);
        }

        @Override
        public void onArrival(Runnable wake) {
            delegate.onArrival(wake);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    private static MessageCodec noting(MessageCodec codec) {
        return new MessageCodec() {
            @Override
            public int encode(Message message, MutableDirectBuffer buffer, int offset) {
                return codec.encode(message, buffer, offset);
            }

            @Override
            public Message decode(DirectBuffer buffer, int offset, int length) {
                Message m = codec.decode(buffer, offset, length);
                note("decoded     " + m.getClass().getSimpleName() + " on " + Thread.currentThread().getName());
                return m;
            }
        };
    }

    private static final class Nothing implements StateMachine {
        private static final byte[] OK = new byte[0];

        @Override
        public byte[] apply(ApplyContext ctx, byte[] command) {
            return OK;
        }

        @Override
        public SnapshotWriter snapshot() {
            return SnapshotWriter.of(OK);
        }

        @Override
        public void restore(InputStream in) {
        }
    }

    public static void main(String[] args) throws InterruptedException {
        boolean tcp = args.length > 0 && args[0].equals("tcp");
        int commits = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        MultiPaxos protocol = MultiPaxos.builder().maxBatch(1).build();
        List<Transport> transports = tcp ? tcp(protocol) : inJvm();
        List<Replica> replicas = new ArrayList<>();
        for (int i = 0; i < MEMBERS.length; i++) {
            replicas.add(Replica.builder().protocol(protocol).self(MEMBERS[i]).members(MEMBERS)
                .transport(new Noting(transports.get(i))).stateMachine(new Nothing())
                .storage(new MemoryStorage()).config(ReplicaConfig.defaults()).start());
        }
        try {
            Replica leader = awaitLeader(replicas);
            byte[] command = new byte[100];
            for (int i = 0; i < 20_000; i++) {
                leader.submit(command).join();
            }
            long[] start = new long[commits];
            long[] end = new long[commits];
            recording = true;
            for (int i = 0; i < commits; i++) {
                start[i] = System.nanoTime();
                leader.submit(command).join();
                end[i] = System.nanoTime();
            }
            recording = false;
            print(tcp ? "tcp" : "in-jvm", start, end);
        } finally {
            replicas.forEach(Replica::close);
        }
    }

    private static void print(String network, long[] start, long[] end) {
        int commits = start.length;
        int events = Math.min(EVENTS.get(), CAPACITY);
        Map<String, List<Long>> sinceSubmit = new LinkedHashMap<>();
        int k = 0;
        for (int i = 0; i < commits; i++) {
            Set<String> seen = new HashSet<>();
            while (k < events && AT[k] < start[i]) {
                k++;
            }
            for (int j = k; j < events && AT[j] <= end[i]; j++) {
                if (seen.add(WHAT[j])) {
                    sinceSubmit.computeIfAbsent(WHAT[j], x -> new ArrayList<>()).add(AT[j] - start[i]);
                }
            }
        }
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < commits; i++) {
            latencies.add(end[i] - start[i]);
        }
        System.out.printf("%s: %d commits, median %.1f us; events in at least half of them, median us since the submit:%n",
            network, commits, median(latencies) / 1e3);
        sinceSubmit.entrySet().stream()
            .filter(e -> e.getValue().size() >= commits / 2)
            .sorted((a, b) -> Long.compare(median(a.getValue()), median(b.getValue())))
            .forEach(e -> System.out.printf("  %7.1f  %s (%d%%)%n", median(e.getValue()) / 1e3, e.getKey(), 100 * e.getValue().size() / commits));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static List<Transport> inJvm() {
        InJvmNetwork network = new InJvmNetwork();
        List<Transport> all = new ArrayList<>();
        for (int id : MEMBERS) {
            all.add(network.join(id));
        }
        return all;
    }

    private static List<Transport> tcp(MultiPaxos protocol) throws InterruptedException {
        InetSocketAddress[] addresses = new InetSocketAddress[MEMBERS.length];
        TcpTransport[] opened = new TcpTransport[MEMBERS.length];
        for (int i = MEMBERS.length - 1; i >= 0; i--) {
            TcpTransportConfig.Builder b = TcpTransportConfig.builder(MEMBERS[i])
                .cluster("benchmark", SECRET).protocol(protocol.name(), 1)
                // The runtime streams snapshots in messages of its own, on a channel of their own.
                .channel(new CodecChannel(2, SnapshotTransferMessage.class, new SnapshotTransferCodec()))
                .channel(new CodecChannel(CodecChannel.PROTOCOL, Message.class, noting(protocol.codec())));
            for (int j = 0; j < MEMBERS.length; j++) {
                b.member(MEMBERS[j], j > i ? addresses[j] : new InetSocketAddress("127.0.0.1", 0));
            }
            opened[i] = TcpTransport.open(b.build());
            addresses[i] = opened[i].localAddress();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (TcpTransport t : opened) {
            while (!t.metrics().peers().values().stream().allMatch(p -> p.connected())) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("the three TCP transports did not connect within 30 s");
                }
                Thread.sleep(1);
            }
        }
        return List.of(opened);
    }

    private static Replica awaitLeader(List<Replica> replicas) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() - deadline < 0) {
            for (Replica r : replicas) {
                CoreStatus s = r.status();
                if ("leader".equals(s.role()) && s.leader() == r.self()) {
                    try {
                        r.submit(new byte[1]).get(30, TimeUnit.SECONDS);
                        return r;
                    } catch (Exception e) {
                        break; // leadership moved while we asked; look again
                    }
                }
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("no leader among the three replicas within 30 s");
    }
}
