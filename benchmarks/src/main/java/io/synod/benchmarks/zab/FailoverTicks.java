package io.synod.benchmarks.zab;

import io.synod.api.Command;
import io.synod.api.CommandBatch;
import io.synod.api.CoreStatus;
import io.synod.api.Envelope;
import io.synod.api.LogEntry;
import io.synod.api.Protocol;
import io.synod.api.ProtocolContext;
import io.synod.api.ProtocolCore;
import io.synod.api.Ready;
import io.synod.api.Recovered;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Leader loss to first commit, in protocol ticks: three cores driven by hand (messages delivered
 * within the tick they are sent, storage that keeps everything), a leader elected and committing,
 * then crashed; the ticks until a survivor that says it leads has committed a new command. Each
 * seed gives the cores other random numbers (Multi-Paxos draws its election jitter from them), so
 * the spread over seeds is the protocol's own.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.synod.benchmarks.zab.FailoverTicks [seeds]
 * </pre>
 */
public final class FailoverTicks {

    private static final int[] MEMBERS = {1, 2, 3};
    private static final int BOUND = 10_000;

    private final ProtocolCore[] cores = new ProtocolCore[MEMBERS.length + 1];
    private final ArrayDeque<Envelope> network = new ArrayDeque<>();
    private final long[] committedCommands = new long[MEMBERS.length + 1];
    private long sequence;

    private FailoverTicks(Protocol protocol, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int id : MEMBERS) {
            cores[id] = protocol.create(new ProtocolContext(id, MEMBERS, new int[0], random.split(), Recovered.EMPTY));
        }
    }

    /** Ticks from the leader's crash to the first command a survivor commits, for one seed. */
    static int measure(Protocol protocol, long seed) {
        FailoverTicks run = new FailoverTicks(protocol, seed);
        int leader = run.commitSomething(-1);
        run.cores[leader] = null;
        long before = run.committedTotal();
        int ticks = 0;
        while (run.committedTotal() == before) {
            if (++ticks > BOUND) {
                throw new IllegalStateException(protocol.name() + " seed " + seed + ": no commit " + BOUND + " ticks after the crash");
            }
            run.tickAll();
            int now = run.leader();
            if (now > 0) {
                run.propose(now);
            }
        }
        return ticks;
    }

    /** Ticks until a leader other than {@code not} committed a command; returns it. */
    private int commitSomething(int not) {
        for (int t = 0; t < BOUND; t++) {
            tickAll();
            int leader = leader();
            if (leader > 0 && leader != not) {
                long before = committedCommands[leader];
                propose(leader);
                for (int i = 0; i < 5 && committedCommands[leader] == before; i++) {
                    tickAll();
                }
                if (committedCommands[leader] > before) {
                    return leader;
                }
            }
        }
        throw new IllegalStateException("no leader committed within " + BOUND + " ticks");
    }

    private long committedTotal() {
        long total = 0;
        for (int id : MEMBERS) {
            if (cores[id] != null) {
                total += committedCommands[id];
            }
        }
        return total;
    }

    private int leader() {
        for (int id : MEMBERS) {
            if (cores[id] != null) {
                CoreStatus s = cores[id].status();
                if (s.isLeader() && ("leader".equals(s.role()) || "leading".equals(s.role()))) {
                    return id;
                }
            }
        }
        return -1;
    }

    private void propose(int at) {
        cores[at].propose(new Command(1, ++sequence, new byte[] {1}));
        drain(at);
        deliver();
    }

    private void tickAll() {
        for (int id : MEMBERS) {
            if (cores[id] != null) {
                cores[id].tick();
                drain(id);
            }
        }
        deliver();
    }

    private void drain(int id) {
        while (cores[id] != null && cores[id].hasReady()) {
            Ready r = cores[id].ready();
            network.addAll(r.allMessages());
            for (LogEntry e : r.committed()) {
                committedCommands[id] += CommandBatch.decode(e.data()).size();
            }
        }
    }

    private void deliver() {
        for (int i = 0; i < 1_000_000 && !network.isEmpty(); i++) {
            Envelope e = network.pollFirst();
            if (cores[e.to()] != null) {
                cores[e.to()].step(e);
                drain(e.to());
            }
        }
    }

    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        for (String name : new String[] {"zab", "multi-paxos"}) {
            int[] ticks = new int[seeds];
            for (int s = 0; s < seeds; s++) {
                ticks[s] = measure(ZabBenchmark.protocol(name, 64), s + 1);
            }
            Arrays.sort(ticks);
            System.out.printf(Locale.ROOT, "%-12s leader loss to first commit over %d seeds: min %d, median %d, p90 %d, max %d ticks%n",
                name, seeds, ticks[0], ticks[seeds / 2], ticks[seeds * 9 / 10], ticks[seeds - 1]);
        }
    }
}
