package io.synod.paxos.multi;

import io.synod.api.Command;
import io.synod.api.Envelope;
import io.synod.api.Protocol;
import io.synod.api.ProtocolContext;
import io.synod.api.ProtocolCore;
import io.synod.api.Ready;
import io.synod.api.Recovered;
import io.synod.spi.MessageCodec;
import io.synod.paxos.multi.MultiPaxosMessage.Promise;
import io.synod.testkit.ForwardingCore;

import java.util.List;
import java.util.function.Function;

/**
 * Calibration variants that need no hook in the core: a real Multi-Paxos core behind the SPI,
 * with what goes in or comes out bent in one place. The simulator cannot tell it from a replica.
 */
abstract class FlawedCore extends ForwardingCore<ProtocolCore> {

    /** A protocol whose every core is the real one wrapped by {@code flaw}. */
    static Protocol protocol(MultiPaxos real, String name, Function<ProtocolCore, ProtocolCore> flaw) {
        return ForwardingCore.protocol(real, name, flaw);
    }

    FlawedCore(ProtocolCore core) {
        super(core);
    }

    /**
     * An acceptor that answers a Prepare before its promise is on disk: the Promise leaves at
     * once and the hard state follows with the node's next input, as if written lazily in the
     * background. A crash in between forgets the promise the candidate counted on.
     */
    static final class PromiseBeforePersist extends FlawedCore {
        private Ready unwritten;
        private boolean releasable;

        PromiseBeforePersist(ProtocolCore core) {
            super(core);
        }

        private void input() {
            releasable = unwritten != null;
        }

        @Override
        public void step(Envelope envelope) {
            input();
            super.step(envelope);
        }

        @Override
        public void tick() {
            input();
            super.tick();
        }

        @Override
        public void propose(Command command) {
            input();
            super.propose(command);
        }

        @Override
        public void read(long readId) {
            input();
            super.read(readId);
        }

        @Override
        public boolean hasReady() {
            return releasable || core.hasReady();
        }

        @Override
        public Ready ready() {
            if (releasable) {
                Ready late = unwritten;
                unwritten = null;
                releasable = false;
                return late;
            }
            Ready r = core.ready();
            if (r.hardState() != null) {
                unwritten = null; // a newer hard state supersedes the unwritten one
            }
            boolean promises = r.messages().stream().anyMatch(e -> e.message() instanceof Promise);
            if (promises && unwritten == null && r.hardState() != null && r.truncateFrom() == 0
                && r.entries().isEmpty()) {
                unwritten = new Ready(r.hardState(), false, 0, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
                return new Ready(null, false, 0, List.of(), r.earlyMessages(), r.messages(), r.snapshotRecipients(), r.committed(),
                    r.replies());
            }
            return r;
        }
    }

    /**
     * A new leader that ignores the values its peers report in their promises: it re-proposes
     * only what it accepted itself, and no-ops (or new commands) everywhere else.
     */
    static final class IgnorePromisedValues extends FlawedCore {
        private final int self;

        IgnorePromisedValues(ProtocolCore core) {
            super(core);
            this.self = core.status().self();
        }

        @Override
        public void step(Envelope envelope) {
            if (envelope.message() instanceof Promise p && envelope.from() != self) {
                envelope = new Envelope(envelope.from(), envelope.to(),
                    new Promise(p.ballot(), p.fromSlot(), List.of(), p.snapshot()));
            }
            super.step(envelope);
        }
    }

    /**
     * A replica that ignores a damaged log: the recovered state it is built from says nothing of
     * {@code suspectFrom}, nor of an earlier rejoin still under way, so it votes at once although
     * it may have lost acceptances that helped choose a value.
     */
    static Protocol ignoringSuspectLog(MultiPaxos real) {
        return new Protocol() {
            @Override
            public String name() {
                return real.name() + " (ignores a suspect log)";
            }

            @Override
            public ProtocolCore create(ProtocolContext c) {
                Recovered r = c.recovered();
                byte[] hard = r.hardState().length == 0 ? r.hardState()
                    : HardState.decode(r.hardState()).withRejoinAbove(null).encode();
                return real.create(c.withRecovered(new Recovered(hard, r.snapshot(), r.log(), 0)));
            }

            @Override
            public MessageCodec codec() {
                return real.codec();
            }
        };
    }
}
