package io.synod.paxos.basic;

import io.synod.api.Command;
import io.synod.api.CoreStatus;
import io.synod.api.Envelope;
import io.synod.api.ProtocolCore;
import io.synod.api.Ready;
import io.synod.api.Snapshot;

/**
 * A {@link ProtocolCore} that passes everything to a real {@link BasicPaxosCore}; a deliberately
 * broken variant overrides the inputs or outputs it falsifies. The driver sees only the SPI, as
 * with the real core.
 */
abstract class CoreDecorator implements ProtocolCore {

    protected final BasicPaxosCore core;

    CoreDecorator(BasicPaxosCore core) {
        this.core = core;
    }

    /** The real core behind {@code core}, or {@code null} if it is not a Basic Paxos core. */
    static BasicPaxosCore unwrap(ProtocolCore core) {
        if (core instanceof CoreDecorator d) {
            return d.core;
        }
        return core instanceof BasicPaxosCore b ? b : null;
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
    public void compacted(Snapshot snapshot) {
        core.compacted(snapshot);
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
