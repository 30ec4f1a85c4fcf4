package io.synod.paxos;

import io.synod.api.Envelope;
import io.synod.api.LogEntry;
import io.synod.api.ProtocolCore;
import io.synod.api.Ready;

import java.util.ArrayDeque;
import java.util.List;

/** Drives a single-node core as a driver would: every Ready carried out, its messages to itself delivered. */
public final class SelfDelivery {

    private SelfDelivery() {
    }

    /** Runs {@code core} until it has nothing left to do, collecting what it commits. */
    public static void drain(ProtocolCore core, List<LogEntry> committed) {
        ArrayDeque<Envelope> inbox = new ArrayDeque<>();
        do {
            while (core.hasReady()) {
                Ready r = core.ready();
                inbox.addAll(r.allMessages());
                committed.addAll(r.committed());
            }
            Envelope e = inbox.pollFirst();
            if (e != null) {
                core.step(e);
            }
        } while (core.hasReady() || !inbox.isEmpty());
    }
}
