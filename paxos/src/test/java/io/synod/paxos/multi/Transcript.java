package io.synod.paxos.multi;

import io.synod.api.ClientReply;
import io.synod.api.Command;
import io.synod.api.Envelope;
import io.synod.api.LogEntry;
import io.synod.api.Message;
import io.synod.api.ProtocolContext;
import io.synod.api.ProtocolCore;
import io.synod.api.Ready;
import io.synod.api.Recovered;
import io.synod.api.SnapshotMeta;
import io.synod.paxos.multi.MultiPaxosMessage.Prepare;
import io.synod.paxos.multi.MultiPaxosMessage.Promise;
import io.synod.protocol.Ballot;
import io.synod.storage.MemoryLogStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Drives one core by hand and collects what it asks for, for transcript-style tests. Each Ready's
 * log changes are carried out on a memory log, which the core reads as its durable log.
 */
final class Transcript {

    /** Everything a core asked for since the last {@link #out()}, Readys in order. */
    record Out(List<Ready> readies) {
        List<Envelope> messages() {
            return readies.stream().flatMap(r -> r.allMessages().stream()).toList();
        }

        <T extends Message> List<T> sent(Class<T> type) {
            return messages().stream().map(Envelope::message).filter(type::isInstance).map(type::cast).toList();
        }

        <T extends Message> List<T> sentTo(int node, Class<T> type) {
            return messages().stream().filter(e -> e.to() == node).map(Envelope::message).filter(type::isInstance).map(type::cast).toList();
        }

        List<LogEntry> appended() {
            return readies.stream().flatMap(r -> r.entries().stream()).toList();
        }

        List<LogEntry> committed() {
            return readies.stream().flatMap(r -> r.committed().stream()).toList();
        }

        List<ClientReply> replies() {
            return readies.stream().flatMap(r -> r.replies().stream()).toList();
        }

        byte[] lastHardState() {
            byte[] last = null;
            for (Ready r : readies) {
                if (r.hardState() != null) {
                    last = r.hardState();
                }
            }
            return last;
        }

        /** The peers the core asked its snapshot to be streamed to. */
        List<Integer> snapshotsTo() {
            return readies.stream().flatMap(r -> r.snapshotRecipients().stream()).toList();
        }
    }

    static final MultiPaxos DEFAULT = MultiPaxos.builder().electionTicks(10).heartbeatTicks(2).maxBatch(8).maxInflight(4).build();

    final int self;
    final ProtocolCore core;
    final MemoryLogStore log = new MemoryLogStore();

    Transcript(int self, int[] members, int[] observers, Recovered recovered, MultiPaxos protocol) {
        this.self = self;
        if (recovered.snapshot() != null) {
            log.reset(recovered.snapshot().index());
        } else if (!recovered.log().isEmpty()) {
            log.reset(recovered.log().get(0).index() - 1);
        }
        log.append(recovered.log());
        this.core = protocol.create(new ProtocolContext(self, members, observers, new Random(42), recovered, log));
    }

    Transcript(int self, int... members) {
        this(self, members, new int[0], Recovered.EMPTY, DEFAULT);
    }

    static long ballot(long round, int node) {
        return new Ballot(round, node).pack();
    }

    Out out() {
        List<Ready> readies = new ArrayList<>();
        while (core.hasReady()) {
            Ready r = core.ready();
            if (r.truncateFrom() > 0) {
                log.truncateSuffix(r.truncateFrom());
            }
            log.append(r.entries());
            readies.add(r);
        }
        return new Out(readies);
    }

    /**
     * The driver wrote a snapshot through {@code index} and compacted its log, keeping
     * {@code retention} entries below it.
     */
    Out compact(long index, long term, long retention) {
        log.compactPrefix(index - retention);
        core.compacted(new SnapshotMeta(index, term));
        return out();
    }

    /** The driver installed a snapshot from a peer: the log keeps only what lies above it. */
    Out installed(long index, long term) {
        if (log.lastIndex() <= index) {
            log.reset(index);
        } else {
            log.compactPrefix(index);
        }
        core.snapshotInstalled(new SnapshotMeta(index, term));
        return out();
    }

    Out deliver(int from, Message message) {
        core.step(new Envelope(from, self, message));
        return out();
    }

    Out propose(String payload, long client, long seq) {
        core.propose(new Command(client, seq, payload.getBytes()));
        return out();
    }

    /** Ticks until the core campaigns; returns its Prepare. */
    Prepare tickUntilCampaign() {
        for (int i = 0; i < 100; i++) {
            core.tick();
            List<Prepare> prepares = out().sent(Prepare.class);
            if (!prepares.isEmpty()) {
                return prepares.get(0);
            }
        }
        throw new AssertionError("node " + self + " never campaigned");
    }

    /** Makes this node leader with empty promises from {@code voters}; returns what it did then. */
    Out elect(int... voters) {
        Prepare prepare = tickUntilCampaign();
        Out out = null;
        for (int v : voters) {
            out = deliver(v, new Promise(prepare.ballot(), prepare.fromSlot(), List.of(), null));
        }
        return out;
    }

    static LogEntry entry(long slot, long ballot, String data) {
        return new LogEntry(slot, ballot, data.getBytes());
    }
}
