package io.synod.paxos.basic;

import io.synod.api.Envelope;
import io.synod.api.LogEntry;
import io.synod.api.Message;
import io.synod.api.ProtocolContext;
import io.synod.api.Ready;
import io.synod.api.Recovered;
import io.synod.protocol.Ballot;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One core driven by hand, for transcript tests: feed it a message, a tick or a proposal, and
 * look at the Ready that comes out. Keeps the node's disk (hard state and log) so a test can
 * restart the core from it.
 */
final class Transcript {

    final int self;
    final int[] members;
    final BasicPaxos protocol;
    BasicPaxosCore core;
    byte[] hardState = new byte[0];
    final List<LogEntry> log = new ArrayList<>();
    private final long seed;

    Transcript(int self, BasicPaxos protocol, int... members) {
        this.self = self;
        this.members = members.clone();
        this.protocol = protocol;
        this.seed = 42;
        restart();
    }

    static Transcript node(int self, int... members) {
        return new Transcript(self, BasicPaxos.defaults(), members);
    }

    /** Rebuilds the core from what its disk holds, as after a crash. */
    Transcript restart() {
        core = (BasicPaxosCore) protocol.create(new ProtocolContext(self, members, new int[0], new Random(seed),
            new Recovered(hardState, null, List.copyOf(log))));
        return this;
    }

    /** Delivers {@code message} from {@code from} and returns what the core wants done. */
    Ready step(int from, Message message) {
        core.step(new Envelope(from, self, message));
        return take();
    }

    Ready tick() {
        core.tick();
        return take();
    }

    /** Takes the pending Ready (or an empty one) and applies its persist step to the disk. */
    Ready take() {
        if (!core.hasReady()) {
            return Ready.EMPTY;
        }
        Ready ready = core.ready();
        if (ready.hardState() != null) {
            hardState = ready.hardState();
        }
        log.addAll(ready.entries());
        return ready;
    }

    /** The acceptor's durable view of the disk's hard state. */
    BasicHardState durable() {
        return BasicHardState.decode(hardState);
    }

    static Ballot b(long round, int node) {
        return new Ballot(round, node);
    }

    static byte[] v(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The messages of {@code ready} of the given type. */
    static <M extends Message> List<M> sent(Ready ready, Class<M> type) {
        List<M> out = new ArrayList<>();
        for (Envelope e : ready.allMessages()) {
            if (type.isInstance(e.message())) {
                out.add(type.cast(e.message()));
            }
        }
        return out;
    }

    /** The addressees of messages of the given type in {@code ready}, in order. */
    static List<Integer> recipients(Ready ready, Class<? extends Message> type) {
        List<Integer> out = new ArrayList<>();
        for (Envelope e : ready.allMessages()) {
            if (type.isInstance(e.message())) {
                out.add(e.to());
            }
        }
        return out;
    }
}
