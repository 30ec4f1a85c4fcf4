package io.synod.transport;

import io.synod.api.ClientReply;
import io.synod.api.Command;
import io.synod.api.CommandBatch;
import io.synod.api.CoreStatus;
import io.synod.api.Effects;
import io.synod.api.Envelope;
import io.synod.api.InvalidMessageException;
import io.synod.api.LogEntry;
import io.synod.api.LogReader;
import io.synod.api.Protocol;
import io.synod.api.ProtocolContext;
import io.synod.api.ProtocolCore;
import io.synod.api.Ready;
import io.synod.spi.MessageCodec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only, and not a consensus protocol: a one-node log, like {@link SoloProtocol}, that checks
 * on every input that {@code ProtocolContext.log()} shows exactly what its earlier Readys
 * persisted — no less, and nothing of the batch it is gathering. Its hard state records how many
 * entries it appended, stored before the log or after it ({@code persistHardStateAfterLog}), so
 * that a test can see the order the runtime stores them in.
 */
final class DurableLogProbe implements Protocol {

    final boolean hardStateAfterLog;
    /** What the probe found wrong, if anything. */
    final List<String> mismatches = Collections.synchronizedList(new ArrayList<>());
    /** How many times it compared. */
    final AtomicInteger checks = new AtomicInteger();

    DurableLogProbe(boolean hardStateAfterLog) {
        this.hardStateAfterLog = hardStateAfterLog;
    }

    @Override
    public String name() {
        return "durable-log probe (test only)";
    }

    @Override
    public ProtocolCore create(ProtocolContext context) {
        return new Core(context);
    }

    @Override
    public MessageCodec codec() {
        throw new UnsupportedOperationException("the probe's messages never leave the JVM");
    }

    private final class Core implements ProtocolCore {
        private final Effects effects;
        private final LogReader durable;
        /** Every entry this incarnation appended, with the recovered ones first. */
        private final List<LogEntry> written = new ArrayList<>();
        /** How many of {@link #written} went out in Readys already taken: durable by now. */
        private int drained;
        private long first;

        Core(ProtocolContext context) {
            effects = new Effects(context.self());
            durable = context.log();
            written.addAll(context.recovered().log());
            drained = written.size();
            first = written.isEmpty() ? context.recovered().lastIndex() + 1 : written.get(0).index();
            context.recovered().log().forEach(effects::commit);
            check("start");
        }

        private void check(String when) {
            checks.incrementAndGet();
            long last = first + drained - 1;
            if (durable.lastIndex() != last) {
                mismatches.add(when + ": the durable log ends at " + durable.lastIndex() + ", the Readys taken left it at " + last);
                return;
            }
            long from = Math.max(first, durable.firstIndex());
            if (from <= last) {
                List<LogEntry> shown = durable.entries(from, last + 1, Long.MAX_VALUE);
                if (!shown.equals(written.subList((int) (from - first), drained))) {
                    mismatches.add(when + ": the durable log from " + from + " differs from what the Readys wrote");
                }
            }
        }

        @Override
        public void step(Envelope envelope) {
            throw new InvalidMessageException("the probe takes no messages");
        }

        @Override
        public void tick() {
            check("tick");
        }

        @Override
        public void propose(Command command) {
            check("propose");
            LogEntry entry = new LogEntry(first + written.size(), 1, CommandBatch.encode(command));
            written.add(entry);
            effects.append(entry);
            byte[] count = ByteBuffer.allocate(Long.BYTES).putLong(entry.index()).array();
            if (hardStateAfterLog) {
                effects.persistHardStateAfterLog(count);
            } else {
                effects.persistHardState(count);
            }
            effects.commit(entry);
            check("propose, with an append gathering");
        }

        @Override
        public void read(long readId) {
            check("read");
            effects.reply(new ClientReply.ReadReady(readId, first + drained - 1));
        }

        @Override
        public boolean hasReady() {
            return effects.hasPending();
        }

        @Override
        public Ready ready() {
            drained = written.size();
            return effects.drain();
        }

        @Override
        public CoreStatus status() {
            return new CoreStatus(effects.self(), "probe", effects.self(), 1, first + drained - 1);
        }
    }
}
