package io.synod.zab;

import io.synod.api.Protocol;
import io.synod.api.ProtocolContext;
import io.synod.api.ProtocolCore;
import io.synod.quorum.QuorumSystem;
import io.synod.spi.MessageCodec;
import io.synod.zab.codec.ZabCodec;
import io.synod.zab.message.Zxid;

import java.util.Objects;
import java.util.Optional;

/**
 * ZooKeeper Atomic Broadcast as a {@link Protocol}, with its validated configuration.
 *
 * <pre>{@code
 * Protocol zab = Zab.builder().initLimit(10).syncLimit(5).maxBatch(64).build();
 * Protocol weighted = Zab.builder().quorum(QuorumSystem.weighted(Map.of(1, 2L, 2, 1L, 3, 1L))).build();
 * }</pre>
 *
 * <p>Timeouts count ticks, as ZooKeeper's count {@code tickTime}s: {@code initLimit} bounds
 * discovery and synchronisation, {@code syncLimit} how long a leader and its followers may be out
 * of touch before they give up on each other (ZooKeeper's defaults in its sample configuration
 * are 10 and 5). {@code finalizeTicks} is the election's wait for a better vote once a quorum
 * agrees (ZooKeeper's finalizeWait).
 */
public final class Zab implements Protocol {

    /** The protocol's name in logs and reports. */
    public static final String NAME = "zab";

    private final QuorumSystem quorum;
    private final int initLimit;
    private final int syncLimit;
    private final int finalizeTicks;
    private final int maxBatch;
    private final int maxInflight;
    private final int maxSyncEntries;
    private final int maxMessageBytes;
    private final long maxCounter;
    private final Flaw flaw;

    private Zab(Builder b) {
        this.quorum = b.quorum;
        this.initLimit = b.initLimit;
        this.syncLimit = b.syncLimit;
        this.finalizeTicks = b.finalizeTicks;
        this.maxBatch = b.maxBatch;
        this.maxInflight = b.maxInflight;
        this.maxSyncEntries = b.maxSyncEntries;
        this.maxMessageBytes = b.maxMessageBytes;
        this.maxCounter = b.maxCounter;
        this.flaw = b.flaw;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The configured quorum system; empty means a majority of the voting members. */
    public Optional<QuorumSystem> quorum() {
        return Optional.ofNullable(quorum);
    }

    public int initLimit() {
        return initLimit;
    }

    public int syncLimit() {
        return syncLimit;
    }

    public int finalizeTicks() {
        return finalizeTicks;
    }

    /** The most client commands in one log entry. */
    public int maxBatch() {
        return maxBatch;
    }

    /** The most entries a leader keeps proposed above its commit index; also the most in one message. */
    public int maxInflight() {
        return maxInflight;
    }

    /** The most entries carried by one NEWLEADER; the rest follow as proposals. */
    public int maxSyncEntries() {
        return maxSyncEntries;
    }

    /**
     * The most entry bytes one NEWLEADER, PROPOSAL or INFORM carries (always at least one entry), so that
     * a lagging learner's catch-up stays below a transport's frame bound however large the entries are.
     */
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /** The highest zxid counter an epoch may use before a new epoch must begin. */
    long maxCounter() {
        return maxCounter;
    }

    Flaw flaw() {
        return flaw;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ProtocolCore create(ProtocolContext context) {
        return new ZabCore(context, this);
    }

    @Override
    public MessageCodec codec() {
        return new ZabCodec();
    }

    /**
     * Nothing ZAB promises rests on time: reads are confirmed by a quorum, never by a lease. A
     * resumed leader is given {@code syncLimit} ticks, enough to notice it lost its quorum and
     * step down, rather than a burst of every tick it slept through.
     */
    @Override
    public long ticksAfterPause() {
        return syncLimit;
    }

    /** Collects and validates a configuration. */
    public static final class Builder {
        private QuorumSystem quorum;
        private int initLimit = 10;
        private int syncLimit = 5;
        private int finalizeTicks = 1;
        private int maxBatch = 64;
        private int maxInflight = 32;
        private int maxSyncEntries = 1024;
        private int maxMessageBytes = 1 << 20;
        private long maxCounter = Zxid.MAX_COUNTER;
        private Flaw flaw = Flaw.NONE;

        private Builder() {
        }

        /** The quorum system (majority, weighted, hierarchical…); its members must be the cluster's voters. */
        public Builder quorum(QuorumSystem quorum) {
            this.quorum = quorum;
            return this;
        }

        public Builder initLimit(int ticks) {
            this.initLimit = ticks;
            return this;
        }

        public Builder syncLimit(int ticks) {
            this.syncLimit = ticks;
            return this;
        }

        public Builder finalizeTicks(int ticks) {
            this.finalizeTicks = ticks;
            return this;
        }

        public Builder maxBatch(int commands) {
            this.maxBatch = commands;
            return this;
        }

        public Builder maxInflight(int entries) {
            this.maxInflight = entries;
            return this;
        }

        public Builder maxSyncEntries(int entries) {
            this.maxSyncEntries = entries;
            return this;
        }

        public Builder maxMessageBytes(int bytes) {
            this.maxMessageBytes = bytes;
            return this;
        }

        /** Lowers the zxid counter's limit, so that tests reach an overflow (tests only). */
        Builder maxCounter(long counter) {
            this.maxCounter = counter;
            return this;
        }

        /** Breaks the protocol on purpose, to prove the simulator notices (verification tests only). */
        Builder flaw(Flaw breach) {
            this.flaw = Objects.requireNonNull(breach, "flaw");
            return this;
        }

        /** @throws IllegalArgumentException naming the first setting out of range */
        public Zab build() {
            require(syncLimit >= 2, "syncLimit must be >= 2, was " + syncLimit);
            require(initLimit >= syncLimit, "initLimit must be >= syncLimit (" + syncLimit + "), was " + initLimit);
            require(finalizeTicks >= 0 && finalizeTicks < initLimit,
                "finalizeTicks must be in [0, initLimit), was " + finalizeTicks);
            require(maxBatch >= 1, "maxBatch must be >= 1, was " + maxBatch);
            require(maxInflight >= 1, "maxInflight must be >= 1, was " + maxInflight);
            require(maxSyncEntries >= 1, "maxSyncEntries must be >= 1, was " + maxSyncEntries);
            require(maxMessageBytes >= 1, "maxMessageBytes must be >= 1, was " + maxMessageBytes);
            require(maxCounter >= 1 && maxCounter <= Zxid.MAX_COUNTER,
                "maxCounter must be in [1, 2^32-1], was " + maxCounter);
            return new Zab(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
