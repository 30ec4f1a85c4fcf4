package io.synod.testkit;

import io.synod.api.Command;
import io.synod.api.CoreStatus;
import io.synod.api.Envelope;
import io.synod.api.Protocol;
import io.synod.api.ProtocolContext;
import io.synod.api.ProtocolCore;
import io.synod.api.Ready;
import io.synod.api.SnapshotMeta;
import io.synod.spi.MessageCodec;

import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A protocol core that hands every input and output to a real one: the base of deliberately
 * broken variants, which override only the input or output they falsify. The driver sees the
 * SPI alone, so a variant runs under the simulator exactly as the real core does — how a module
 * proves its checks would catch the bug the variant plants.
 *
 * <pre>{@code
 * Protocol broken = ForwardingCore.protocol(MultiPaxos.builder().build(), "acks before persisting",
 *     core -> new ForwardingCore<>(core) {
 *         public Ready ready() { return sendFirst(core.ready()); }
 *     });
 * }</pre>
 *
 * @param <C> the type of the real core
 */
public abstract class ForwardingCore<C extends ProtocolCore> implements ProtocolCore {

    /** The real core. */
    protected final C core;

    protected ForwardingCore(C core) {
        this.core = core;
    }

    /** A protocol whose every core is the real protocol's, wrapped by {@code wrap}. */
    public static Protocol protocol(Protocol real, String variant, Function<ProtocolCore, ProtocolCore> wrap) {
        return protocol(real, variant, (context, core) -> wrap.apply(core));
    }

    /** As {@link #protocol(Protocol, String, Function)}, for a wrapper that needs the core's context (its id, members, seeded randomness). */
    public static Protocol protocol(Protocol real, String variant, BiFunction<ProtocolContext, ProtocolCore, ProtocolCore> wrap) {
        return new Protocol() {
            @Override
            public String name() {
                return real.name() + " (" + variant + ")";
            }

            @Override
            public ProtocolCore create(ProtocolContext context) {
                return wrap.apply(context, real.create(context));
            }

            @Override
            public MessageCodec codec() {
                return real.codec();
            }

            @Override
            public long ticksAfterPause() {
                return real.ticksAfterPause();
            }
        };
    }

    /** The core this one forwards to, for checks that read protocol-specific state. */
    public final C delegate() {
        return core;
    }

    @Override
    public void step(Envelope envelope) {
        core.step(envelope);
    }

    @Override
    public void tick() {
        core.tick();
    }

    @Override
    public void propose(Command command) {
        core.propose(command);
    }

    @Override
    public void read(long readId) {
        core.read(readId);
    }

    @Override
    public void compacted(SnapshotMeta snapshot) {
        core.compacted(snapshot);
    }

    @Override
    public void snapshotInstalled(SnapshotMeta snapshot) {
        core.snapshotInstalled(snapshot);
    }

    @Override
    public void snapshotSent(int peer, SnapshotMeta snapshot) {
        core.snapshotSent(peer, snapshot);
    }

    @Override
    public void suspect(int peer) {
        core.suspect(peer);
    }

    @Override
    public boolean hasReady() {
        return core.hasReady();
    }

    @Override
    public Ready ready() {
        return core.ready();
    }

    @Override
    public CoreStatus status() {
        return core.status();
    }
}
