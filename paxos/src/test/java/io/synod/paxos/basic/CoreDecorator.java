package io.synod.paxos.basic;

import io.synod.api.ProtocolCore;
import io.synod.testkit.ForwardingCore;

/**
 * A {@link ProtocolCore} that passes everything to a real {@link BasicPaxosCore}; a deliberately
 * broken variant overrides the inputs or outputs it falsifies. The driver sees only the SPI, as
 * with the real core.
 */
abstract class CoreDecorator extends ForwardingCore<BasicPaxosCore> {

    CoreDecorator(BasicPaxosCore core) {
        super(core);
    }

    /** The real core behind {@code core}, or {@code null} if it is not a Basic Paxos core. */
    static BasicPaxosCore unwrap(ProtocolCore core) {
        if (core instanceof CoreDecorator d) {
            return d.core;
        }
        return core instanceof BasicPaxosCore b ? b : null;
    }
}
