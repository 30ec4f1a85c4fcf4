package io.synod.runtime;

import io.synod.api.Envelope;
import io.synod.api.InvalidMessageException;
import io.synod.api.ProtocolCore;
import io.synod.runtime.snapshot.SnapshotTransferMessage;
import io.synod.runtime.snapshot.SnapshotTransfers;
import io.synod.spi.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The replica's inward edge from its peers: it polls the transport and dispatches each arrived
 * message to the {@link SnapshotTransfers} or the core, after checking that it is addressed here
 * and comes from a node of the cluster. It exists so that what the replica does with a message it
 * must not trust (drop it, count it, log it sparingly) sits in one place beside the dispatch.
 *
 * <p>Not thread-safe: it belongs to the replica's driver thread; its count is read by any.
 */
final class PeerAdapter implements Transport.EnvelopeHandler {

    /** Logged under the replica agent's name, which operators' log settings for the replica cover. */
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaAgent.class);
    /** Messages handed to the core per duty cycle at most. */
    private static final int POLL_LIMIT = 256;

    private final int self;
    private final int[] knownNodes;
    private final Transport transport;
    private final ProtocolCore core;
    private final SnapshotTransfers transfers;
    /** Carries out, and makes durable, every Ready the core has cut so far. */
    private final Runnable settle;
    // Written by the replica thread only; read by any.
    private volatile long invalidMessages;

    PeerAdapter(int self, int[] members, int[] observers, Transport transport, ProtocolCore core,
                SnapshotTransfers transfers, Runnable settle) {
        this.self = self;
        this.knownNodes = IntStream.concat(Arrays.stream(members), Arrays.stream(observers)).sorted().toArray();
        this.transport = transport;
        this.core = core;
        this.transfers = transfers;
        this.settle = settle;
    }

    /** Hands up to {@value #POLL_LIMIT} arrived messages on; returns how many there were. */
    int poll() {
        return transport.poll(this, POLL_LIMIT);
    }

    long invalidMessages() {
        return invalidMessages;
    }

    @Override
    public void onEnvelope(Envelope envelope) {
        if (envelope.to() != self) {
            dropInvalid(envelope, "it is addressed to node " + envelope.to());
        } else if (Arrays.binarySearch(knownNodes, envelope.from()) < 0) {
            dropInvalid(envelope, "node " + envelope.from() + " is not in the cluster");
        } else {
            try {
                if (envelope.message() instanceof SnapshotTransferMessage.SnapshotChunk) {
                    // A chunk may complete an install, which resets the log under the core: first
                    // carry out what the core already asked (appends it accepted earlier in this
                    // poll), so that no such Ready lands on the log after the install.
                    settle.run();
                }
                if (!transfers.onEnvelope(envelope)) {
                    core.step(envelope);
                }
            } catch (InvalidMessageException e) {
                dropInvalid(envelope, e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException("snapshot transfer with node " + envelope.from() + " failed", e);
            }
        }
    }

    /** The transport lost its connection to {@code peer}: a hint for the core (see {@link ProtocolCore#suspect}). */
    @Override
    public void onSuspect(int peer) {
        if (peer != self && Arrays.binarySearch(knownNodes, peer) >= 0) {
            LOG.info("replica {} suspects node {} has stopped: its connection closed", self, peer);
            core.suspect(peer);
        }
    }

    private void dropInvalid(Envelope envelope, String why) {
        long n = ++invalidMessages;
        // The first, and then every power of two: a misbehaving peer cannot flood the log.
        if (Long.bitCount(n) == 1) {
            LOG.warn("replica {} dropped a message from node {} ({} dropped so far): {}", self, envelope.from(), n, why);
        }
    }
}
