package io.synod.examples.recovery;

import io.synod.api.Protocol;
import io.synod.api.ProtocolContext;
import io.synod.api.ProtocolCore;
import io.synod.api.Recovered;
import io.synod.spi.MessageCodec;

/** A protocol that builds another protocol's core and keeps what the runtime recovered for it. */
final class RecoveryWitness implements Protocol {

    private final Protocol protocol;
    private volatile Recovered recovered;

    RecoveryWitness(Protocol protocol) {
        this.protocol = protocol;
    }

    /** What the last core built was handed, or null before the first start. */
    Recovered recovered() {
        return recovered;
    }

    @Override
    public String name() {
        return protocol.name();
    }

    @Override
    public ProtocolCore create(ProtocolContext context) {
        recovered = context.recovered();
        return protocol.create(context);
    }

    @Override
    public MessageCodec codec() {
        return protocol.codec();
    }
}
