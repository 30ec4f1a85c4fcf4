package io.synod.transport;

import io.synod.api.ClientReply;
import io.synod.api.Command;
import io.synod.api.CommandBatch;
import io.synod.api.CoreStatus;
import io.synod.api.Effects;
import io.synod.api.Envelope;
import io.synod.api.InvalidMessageException;
import io.synod.api.LogEntry;
import io.synod.api.Message;
import io.synod.api.Protocol;
import io.synod.api.ProtocolContext;
import io.synod.api.ProtocolCore;
import io.synod.api.Ready;
import io.synod.spi.MessageCodec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only, and not a consensus protocol: a one-node log that commits each command once it is
 * durable. It exercises the runtime (persist, send, apply, retries, reads, restart) without
 * depending on a real protocol module. It can refuse a number of proposals, or (given a negative number) all of them.
 * It refuses messages other than its own with {@link InvalidMessageException}. On request it
 * records its inputs in order ("tick", "read", "propose"), and it may claim a lease of
 * {@code ticksAfterPause} ticks, so that tests can see what the runtime feeds it after a pause.
 */
final class SoloProtocol implements Protocol {

    final AtomicInteger refusals;
    private final long ticksAfterPause;
    final List<String> inputs = Collections.synchronizedList(new ArrayList<>());
    volatile boolean recording;

    SoloProtocol(int refusals) {
        this(refusals, 0);
    }

    SoloProtocol(int refusals, long ticksAfterPause) {
        this.refusals = new AtomicInteger(refusals);
        this.ticksAfterPause = ticksAfterPause;
    }

    @Override
    public long ticksAfterPause() {
        return ticksAfterPause;
    }

    /** The inputs recorded so far, ticks in a row counted as one "N ticks" item. */
    List<String> inputsRecorded() {
        List<String> out = new ArrayList<>();
        synchronized (inputs) {
            int ticks = 0;
            for (String input : inputs) {
                if (input.equals("tick")) {
                    ticks++;
                    continue;
                }
                if (ticks > 0) {
                    out.add(ticks + " ticks");
                    ticks = 0;
                }
                out.add(input);
            }
            if (ticks > 0) {
                out.add(ticks + " ticks");
            }
        }
        return out;
    }

    private void record(String input) {
        if (recording) {
            inputs.add(input);
        }
    }

    @Override
    public String name() {
        return "solo (test only)";
    }

    @Override
    public ProtocolCore create(ProtocolContext context) {
        return new Core(context);
    }

    @Override
    public MessageCodec codec() {
        throw new UnsupportedOperationException("solo messages never leave the JVM");
    }

    /** Tells the node to itself that an entry is durable, since it went out after the persist. */
    record Durable(LogEntry entry) implements Message {
    }

    private final class Core implements ProtocolCore {
        private final Effects effects;
        private long last;

        Core(ProtocolContext context) {
            effects = new Effects(context.self());
            last = context.recovered().lastIndex();
            // Everything a solo log holds was chosen: hand it out again after a restart.
            context.recovered().log().forEach(effects::commit);
        }

        @Override
        public void step(Envelope envelope) {
            if (!(envelope.message() instanceof Durable durable)) {
                throw new InvalidMessageException("solo takes only its own messages, not " + envelope.message());
            }
            effects.commit(durable.entry());
        }

        @Override
        public void tick() {
            record("tick");
        }

        @Override
        public void propose(Command command) {
            record("propose");
            if (refusals.get() < 0 || refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                effects.reply(new ClientReply.Rejected(command.clientId(), command.sequence(), ClientReply.Reason.NOT_LEADER, -1));
                return;
            }
            LogEntry entry = new LogEntry(++last, 1, CommandBatch.encode(command));
            effects.append(entry);
            effects.send(effects.self(), new Durable(entry));
        }

        @Override
        public void read(long readId) {
            record("read");
            effects.reply(new ClientReply.ReadReady(readId, last));
        }

        @Override
        public boolean hasReady() {
            return effects.hasPending();
        }

        @Override
        public Ready ready() {
            return effects.drain();
        }

        @Override
        public CoreStatus status() {
            return new CoreStatus(effects.self(), "solo", effects.self(), 1, last);
        }
    }
}
