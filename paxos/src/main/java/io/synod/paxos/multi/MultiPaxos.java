package io.synod.paxos.multi;

import io.synod.api.Protocol;
import io.synod.api.ProtocolContext;
import io.synod.api.ProtocolCore;
import io.synod.quorum.QuorumSystem;
import io.synod.spi.MessageCodec;

import java.util.Optional;

/**
 * Multi-Paxos as a {@link Protocol}: a replicated log with a distinguished leader, validated
 * configuration included.
 *
 * <pre>{@code
 * Protocol paxos = MultiPaxos.builder().electionTicks(10).heartbeatTicks(2).maxBatch(64).build();
 * }</pre>
 *
 * <p><b>Leases.</b> With {@code leaseTicks > 0} a leader answers linearizable reads without a
 * round while its lease holds. The lease starts when the leader <em>sends</em> a heartbeat round
 * that a phase-2 quorum then acknowledges, and lasts {@code leaseTicks}; a replica that heard
 * from a leader less than {@code electionTicks} ago refuses to promise any other candidate, and so
 * does a replica that started less than {@code electionTicks} ago: it may have backed a lease just
 * before it went down, and its disk does not say when.
 * This is safe only if the clocks that drive ticks on different replicas drift apart by less
 * than {@code electionTicks - leaseTicks} ticks over one lease (bounded drift, no unbounded
 * pauses of a leader that still believes its lease); the builder therefore requires
 * {@code leaseTicks < electionTicks}. With leases off (the default) reads always take a
 * ReadIndex round and no clock assumption is made.
 */
public final class MultiPaxos implements Protocol {

    /** The protocol's name in logs and reports. */
    public static final String NAME = "multi-paxos";

    private final QuorumSystem quorum;
    private final int electionTicks;
    private final int heartbeatTicks;
    private final int maxBatch;
    private final int maxInflight;
    private final int leaseTicks;
    private final Flaw flaw;

    private MultiPaxos(Builder b) {
        this.quorum = b.quorum;
        this.electionTicks = b.electionTicks;
        this.heartbeatTicks = b.heartbeatTicks;
        this.maxBatch = b.maxBatch;
        this.maxInflight = b.maxInflight;
        this.leaseTicks = b.leaseTicks;
        this.flaw = b.flaw;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The configured quorum system; empty means a majority of the members. */
    public Optional<QuorumSystem> quorum() {
        return Optional.ofNullable(quorum);
    }

    /** The base election timeout; each timeout adds a random 0 to this many more ticks. */
    public int electionTicks() {
        return electionTicks;
    }

    public int heartbeatTicks() {
        return heartbeatTicks;
    }

    /** The most client commands packed into one slot. */
    public int maxBatch() {
        return maxBatch;
    }

    /** The most slots a leader keeps open above its commit index; also the most entries in one Accept. */
    public int maxInflight() {
        return maxInflight;
    }

    /** The leader lease in ticks; 0 means no leases. */
    public int leaseTicks() {
        return leaseTicks;
    }

    /** The deliberate breach switched on for calibration, {@link Flaw#NONE} otherwise. */
    Flaw flaw() {
        return flaw;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ProtocolCore create(ProtocolContext context) {
        return new MultiPaxosCore(context, this);
    }

    @Override
    public MessageCodec codec() {
        return new MultiPaxosCodec();
    }

    /**
     * The lease is the one belief of a Multi-Paxos core that rests on time, and it runs out after
     * {@code leaseTicks}: a leader resumed from a longer pause needs that many ticks to drop it.
     * (A follower that counts fewer ticks than passed only refuses promises for longer: safe.)
     */
    @Override
    public long ticksAfterPause() {
        return leaseTicks;
    }

    /** Collects and validates a configuration. */
    public static final class Builder {
        private QuorumSystem quorum;
        private int electionTicks = 10;
        private int heartbeatTicks = 2;
        private int maxBatch = 64;
        private int maxInflight = 32;
        private int leaseTicks;
        private Flaw flaw = Flaw.NONE;

        private Builder() {
        }

        /** The quorum system; its members must be the cluster's voting members. */
        public Builder quorum(QuorumSystem quorum) {
            this.quorum = quorum;
            return this;
        }

        public Builder electionTicks(int ticks) {
            this.electionTicks = ticks;
            return this;
        }

        public Builder heartbeatTicks(int ticks) {
            this.heartbeatTicks = ticks;
            return this;
        }

        public Builder maxBatch(int commands) {
            this.maxBatch = commands;
            return this;
        }

        public Builder maxInflight(int slots) {
            this.maxInflight = slots;
            return this;
        }

        public Builder leaseTicks(int ticks) {
            this.leaseTicks = ticks;
            return this;
        }

        /** Breaks the protocol on purpose, to prove the simulator notices (verification tests only). */
        Builder flaw(Flaw breach) {
            this.flaw = java.util.Objects.requireNonNull(breach, "flaw");
            return this;
        }

        /** @throws IllegalArgumentException naming the first setting out of range */
        public MultiPaxos build() {
            require(electionTicks >= 2, "electionTicks must be >= 2, was " + electionTicks);
            require(heartbeatTicks >= 1 && heartbeatTicks < electionTicks,
                "heartbeatTicks must be in [1, electionTicks), was " + heartbeatTicks + " with electionTicks " + electionTicks);
            require(maxBatch >= 1, "maxBatch must be >= 1, was " + maxBatch);
            require(maxInflight >= 1, "maxInflight must be >= 1, was " + maxInflight);
            require(leaseTicks >= 0 && leaseTicks < electionTicks,
                "leaseTicks must be in [0, electionTicks), was " + leaseTicks + " with electionTicks " + electionTicks);
            return new MultiPaxos(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
