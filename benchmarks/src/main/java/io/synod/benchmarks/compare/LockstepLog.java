package io.synod.benchmarks.compare;

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
import io.synod.paxos.basic.BasicPaxos;
import org.agrona.ExpandableArrayBuffer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The cores of a log protocol driven by hand, in waves: every message sent in wave k is delivered
 * in wave k + 1, so a message's wave is its hop count from the submit, a logical time that no
 * machine's speed can change. Storage keeps everything and each {@link Ready} that must persist
 * counts as one fsync. No ticks run while an operation is measured (only before, to elect a
 * leader), so heartbeats and timeouts are not part of any count.
 *
 * <p>One command at a time, submitted at the leader (at replica 1 for Basic Paxos, which has
 * none), after {@code warmup} commands that bring the protocol to its steady state.
 */
public final class LockstepLog {

    private static final int BOUND = 10_000;

    private final Protocol protocol;
    private final int[] members;
    private final ProtocolCore[] cores;
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(1 << 12);
    private List<Envelope> nextWave = new ArrayList<>();
    private long sequence;
    private int proposer;
    // What the operation being measured has cost so far.
    private long messages;
    private long bytes;
    private long fsyncs;
    private boolean answered;
    private final Map<String, Long> kinds = new TreeMap<>();

    public LockstepLog(Protocol protocol, int size, long seed) {
        this.protocol = protocol;
        this.members = new int[size];
        this.cores = new ProtocolCore[size + 1];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            members[i] = i + 1;
        }
        for (int id : members) {
            cores[id] = protocol.create(new ProtocolContext(id, members, new int[0], random.split(), Recovered.EMPTY));
        }
    }

    /** Elects a leader, runs {@code warmup} commands, then counts {@code measured} commands one at a time. */
    public List<OperationCost> measure(int warmup, int measured) {
        proposer = BasicPaxos.NAME.equals(protocol.name()) ? members[0] : elect();
        for (int i = 0; i < warmup; i++) {
            one();
        }
        List<OperationCost> costs = new ArrayList<>(measured);
        for (int i = 0; i < measured; i++) {
            costs.add(one());
        }
        return costs;
    }

    private int elect() {
        for (int t = 0; t < BOUND; t++) {
            for (int id : members) {
                cores[id].tick();
                drain(id, -1);
            }
            deliverAll();
            for (int id : members) {
                CoreStatus s = cores[id].status();
                if (s.isLeader() && ("leader".equals(s.role()) || "leading".equals(s.role()))) {
                    return id;
                }
            }
        }
        throw new IllegalStateException(protocol.name() + ": no leader within " + BOUND + " ticks");
    }

    private void deliverAll() {
        for (int wave = 0; !nextWave.isEmpty(); wave++) {
            if (wave > BOUND) {
                throw new IllegalStateException(protocol.name() + ": the network did not fall quiet");
            }
            List<Envelope> current = nextWave;
            nextWave = new ArrayList<>();
            for (Envelope e : current) {
                cores[e.to()].step(e);
                drain(e.to(), -1);
            }
        }
    }

    private OperationCost one() {
        messages = 0;
        bytes = 0;
        fsyncs = 0;
        answered = false;
        kinds.clear();
        long seq = ++sequence;
        cores[proposer].propose(new Command(1, seq, new byte[100]));
        drain(proposer, seq);
        int answerWave = answered ? 0 : -1;
        int wave = 0;
        while (!nextWave.isEmpty()) {
            if (++wave > BOUND) {
                throw new IllegalStateException(protocol.name() + ": command " + seq + " still sends after " + BOUND + " waves");
            }
            List<Envelope> current = nextWave;
            nextWave = new ArrayList<>();
            for (Envelope e : current) {
                cores[e.to()].step(e);
                drain(e.to(), seq);
            }
            if (answered && answerWave < 0) {
                answerWave = wave;
            }
        }
        if (answerWave < 0) {
            throw new IllegalStateException(protocol.name() + ": command " + seq + " was not applied at replica " + proposer
                + " once the network fell quiet (it needs a tick?)");
        }
        return new OperationCost(messages, bytes, fsyncs, answerWave, wave, Collections.unmodifiableMap(new TreeMap<>(kinds)));
    }

    /** Takes every Ready of {@code id}: its messages join the next wave; notes whether {@code seq} was applied at the proposer. */
    private void drain(int id, long seq) {
        while (cores[id].hasReady()) {
            Ready r = cores[id].ready();
            if (r.mustPersist()) {
                fsyncs++;
            }
            for (Envelope e : r.allMessages()) {
                messages++;
                kinds.merge(kindOf(e), 1L, Long::sum);
                bytes += protocol.codec().encode(e.message(), scratch, 0);
                nextWave.add(e);
            }
            if (id == proposer && seq > 0) {
                for (LogEntry entry : r.committed()) {
                    if (!CommandBatch.isNoop(entry.data())) {
                        for (Command c : CommandBatch.decode(entry.data())) {
                            answered |= c.clientId() == 1 && c.sequence() == seq;
                        }
                    }
                }
            }
        }
    }

    /** A message's kind, for the breakdown: its record's simple name. */
    private static String kindOf(Envelope e) {
        return e.message().getClass().getSimpleName();
    }
}
