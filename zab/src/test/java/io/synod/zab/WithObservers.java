package io.synod.zab;

import io.synod.api.Protocol;
import io.synod.api.ProtocolContext;
import io.synod.api.ProtocolCore;
import io.synod.spi.MessageCodec;

import java.util.stream.IntStream;

/**
 * Runs ZAB with observers in a simulator that builds every node as a member: the first
 * {@code voters} simulated nodes vote, the rest are observers (they learn committed entries, serve
 * reads through the leader, forward writes, and never vote). The simulator's clients use every
 * node alike, so observers take their share of the load.
 *
 * <p>The simulator also builds observers itself ({@code SimulationConfig.observers(n)}, used by
 * {@link ZabObserverConformanceTest}); the mixed-fault runs keep this wrapper, in which the
 * simulator's clients use every node alike, observers included.
 */
final class WithObservers implements Protocol {

    private final Zab zab;
    private final int[] voters;
    private final int[] observers;

    WithObservers(Zab zab, int voters, int observers) {
        this.zab = zab;
        this.voters = IntStream.rangeClosed(1, voters).toArray();
        this.observers = IntStream.rangeClosed(voters + 1, voters + observers).toArray();
    }

    @Override
    public String name() {
        return zab.name() + " (" + voters.length + " voters, " + observers.length + " observers)";
    }

    @Override
    public ProtocolCore create(ProtocolContext context) {
        return zab.create(new ProtocolContext(context.self(), voters, observers, context.random(), context.recovered(),
            context.wallClock(), context.log()));
    }

    @Override
    public MessageCodec codec() {
        return zab.codec();
    }

    @Override
    public long ticksAfterPause() {
        return zab.ticksAfterPause();
    }
}
