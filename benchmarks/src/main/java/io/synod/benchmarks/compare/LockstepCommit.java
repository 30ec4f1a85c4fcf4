package io.synod.benchmarks.compare;

import io.synod.api.Envelope;
import io.synod.api.commit.CommitContext;
import io.synod.api.commit.CommitCore;
import io.synod.api.commit.CommitProtocol;
import io.synod.api.commit.CommitReady;
import io.synod.api.commit.Outcome;
import io.synod.api.commit.ResourceCall;
import io.synod.api.commit.Transaction;
import io.synod.api.commit.TransactionId;
import io.synod.api.commit.Vote;
import org.agrona.ExpandableArrayBuffer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The cores of an atomic commit protocol driven by hand in waves, as {@link LockstepLog} drives
 * a log protocol: node 1 coordinates, nodes 2..participants+1 take part, every resource votes yes
 * at once (a vote is local: it adds no message delay), and each {@link CommitReady} that must
 * persist counts as one fsync. One transaction at a time; no ticks.
 */
public final class LockstepCommit {

    private static final int BOUND = 10_000;

    private final CommitProtocol protocol;
    private final CommitCore[] cores;
    private final Map<Integer, byte[]> parts = new HashMap<>();
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(1 << 12);
    private List<Envelope> nextWave = new ArrayList<>();
    private long number;
    private long messages;
    private long bytes;
    private long fsyncs;
    private boolean answered;
    private final Map<String, Long> kinds = new TreeMap<>();

    public LockstepCommit(CommitProtocol protocol, int participants, long seed) {
        this.protocol = protocol;
        int[] nodes = new int[participants + 1];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = i + 1;
        }
        this.cores = new CommitCore[nodes.length + 1];
        SplittableRandom random = new SplittableRandom(seed);
        for (int id : nodes) {
            cores[id] = protocol.create(new CommitContext(id, nodes, random.split(), new byte[0], List.of()));
            if (id != 1) {
                parts.put(id, new byte[] {(byte) id});
            }
        }
    }

    /** Runs {@code warmup} transactions, then counts {@code measured} ones, one at a time. */
    public List<OperationCost> measure(int warmup, int measured) {
        for (int i = 0; i < warmup; i++) {
            one();
        }
        List<OperationCost> costs = new ArrayList<>(measured);
        for (int i = 0; i < measured; i++) {
            costs.add(one());
        }
        return costs;
    }

    private OperationCost one() {
        messages = 0;
        bytes = 0;
        fsyncs = 0;
        answered = false;
        kinds.clear();
        cores[1].begin(Transaction.of(new TransactionId(1, ++number), parts));
        drain(1);
        int answerWave = answered ? 0 : -1;
        int wave = 0;
        while (!nextWave.isEmpty()) {
            if (++wave > BOUND) {
                throw new IllegalStateException(protocol.name() + ": transaction " + number + " still sends after " + BOUND + " waves");
            }
            List<Envelope> current = nextWave;
            nextWave = new ArrayList<>();
            for (Envelope e : current) {
                cores[e.to()].step(e);
                drain(e.to());
            }
            if (answered && answerWave < 0) {
                answerWave = wave;
            }
        }
        if (answerWave < 0) {
            throw new IllegalStateException(protocol.name() + ": transaction " + number + " had no outcome once the network fell quiet");
        }
        return new OperationCost(messages, bytes, fsyncs, answerWave, wave, Collections.unmodifiableMap(new TreeMap<>(kinds)));
    }

    private void drain(int id) {
        while (cores[id].hasReady()) {
            CommitReady r = cores[id].ready();
            if (r.mustPersist()) {
                fsyncs++;
            }
            for (Envelope e : r.messages()) {
                messages++;
                kinds.merge(kindOf(e), 1L, Long::sum);
                bytes += protocol.codec().encode(e.message(), scratch, 0);
                nextWave.add(e);
            }
            for (Outcome o : r.outcomes()) {
                if (!o.committed()) {
                    throw new IllegalStateException(protocol.name() + ": a fault-free transaction did not commit: " + o);
                }
                answered |= o.transaction().number() == number;
            }
            for (ResourceCall call : r.resourceCalls()) {
                if (call instanceof ResourceCall.Prepare p) {
                    cores[id].resourceVoted(p.transaction(), Vote.YES);
                }
            }
        }
    }

    /** A message's kind, for the breakdown: its record's simple name. */
    private static String kindOf(Envelope e) {
        return e.message().getClass().getSimpleName();
    }
}
