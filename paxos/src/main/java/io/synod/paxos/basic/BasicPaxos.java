package io.synod.paxos.basic;

import io.synod.api.Protocol;
import io.synod.api.ProtocolContext;
import io.synod.api.ProtocolCore;
import io.synod.protocol.Backoff;
import io.synod.quorum.QuorumSystem;
import io.synod.spi.MessageCodec;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Basic Paxos as a {@link Protocol}: a replicated log of independent single-decree Synod
 * instances with no distinguished leader. One validated, immutable configuration; build it with
 * {@link #builder()}.
 *
 * <pre>{@code
 * Protocol paxos = BasicPaxos.builder()
 *     .quorum(QuorumSystem.majority(1, 2, 3))   // default: a majority of the context's members
 *     .phaseTimeoutTicks(10)
 *     .build();
 * }</pre>
 *
 * <p><b>Roles.</b> The acceptors are the quorum system's members. Proposers default to the
 * members, learners to the members and observers; either may be narrowed, e.g. to run a node
 * that is only an acceptor. A node serves clients only if it is both proposer and learner.
 */
public final class BasicPaxos implements Protocol {

    /** The name under which this protocol appears in logs and reports. */
    public static final String NAME = "basic-paxos";

    private static final BasicPaxosCodec CODEC = new BasicPaxosCodec();

    private final QuorumSystem quorum;
    private final int[] proposers;
    private final int[] learners;
    private final int phaseTimeoutTicks;
    private final Backoff backoff;
    private final int catchUpTicks;
    private final int catchUpBatch;
    private final int maxBatch;

    private BasicPaxos(Builder b) {
        this.quorum = b.quorum;
        this.proposers = b.proposers == null ? null : b.proposers.clone();
        this.learners = b.learners == null ? null : b.learners.clone();
        this.phaseTimeoutTicks = b.phaseTimeoutTicks;
        this.backoff = new Backoff(b.backoffBaseTicks, b.backoffCapTicks);
        this.catchUpTicks = b.catchUpTicks;
        this.catchUpBatch = b.catchUpBatch;
        this.maxBatch = b.maxBatch;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Basic Paxos with every default: majority quorums of the context's members. */
    public static BasicPaxos defaults() {
        return builder().build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ProtocolCore create(ProtocolContext context) {
        return new BasicPaxosCore(context, this);
    }

    @Override
    public MessageCodec codec() {
        return CODEC;
    }

    QuorumSystem quorumFor(ProtocolContext context) {
        return quorum != null ? quorum : QuorumSystem.majority(context.members());
    }

    int[] proposersFor(ProtocolContext context) {
        return proposers != null ? proposers.clone() : context.members();
    }

    int[] learnersFor(ProtocolContext context) {
        if (learners != null) {
            return learners.clone();
        }
        return IntStream.concat(Arrays.stream(context.members()), Arrays.stream(context.observers())).distinct().toArray();
    }

    int phaseTimeoutTicks() {
        return phaseTimeoutTicks;
    }

    Backoff backoff() {
        return backoff;
    }

    int catchUpTicks() {
        return catchUpTicks;
    }

    int catchUpBatch() {
        return catchUpBatch;
    }

    int maxBatch() {
        return maxBatch;
    }

    @Override
    public String toString() {
        return NAME + "[quorum=" + (quorum == null ? "majority of members" : quorum)
            + ", proposers=" + (proposers == null ? "members" : Arrays.toString(proposers))
            + ", learners=" + (learners == null ? "members and observers" : Arrays.toString(learners))
            + ", phaseTimeoutTicks=" + phaseTimeoutTicks + ", backoff=" + backoff.baseTicks() + ".." + backoff.capTicks()
            + ", catchUpTicks=" + catchUpTicks + ", catchUpBatch=" + catchUpBatch + ", maxBatch=" + maxBatch + "]";
    }

    /** Collects and validates a {@link BasicPaxos} configuration. Not thread-safe. */
    public static final class Builder {
        private QuorumSystem quorum;
        private int[] proposers;
        private int[] learners;
        private int phaseTimeoutTicks = 10;
        private int backoffBaseTicks = 4;
        private int backoffCapTicks = 64;
        private int catchUpTicks = 8;
        private int catchUpBatch = 256;
        private int maxBatch = 64;

        private Builder() {
        }

        /** Who votes and what a quorum is; its members are the acceptors. Default: a majority of the members. */
        public Builder quorum(QuorumSystem quorum) {
            if (quorum == null) {
                throw new IllegalArgumentException("quorum must not be null");
            }
            this.quorum = quorum;
            return this;
        }

        /** The nodes that propose. Default: every member. */
        public Builder proposers(int... nodes) {
            this.proposers = distinct("proposers", nodes);
            return this;
        }

        /** The nodes that learn and apply the log. Default: every member and observer. */
        public Builder learners(int... nodes) {
            this.learners = distinct("learners", nodes);
            return this;
        }

        /** Ticks a proposer waits for a phase-1 or phase-2 quorum before it backs off and retries. Default 10. */
        public Builder phaseTimeoutTicks(int ticks) {
            this.phaseTimeoutTicks = positive("phaseTimeoutTicks", ticks);
            return this;
        }

        /** The backoff range after one failure, doubling per further failure up to the cap. Default 4. */
        public Builder backoffBaseTicks(int ticks) {
            this.backoffBaseTicks = positive("backoffBaseTicks", ticks);
            return this;
        }

        /** The largest backoff range. Default 64. */
        public Builder backoffCapTicks(int ticks) {
            this.backoffCapTicks = positive("backoffCapTicks", ticks);
            return this;
        }

        /** Ticks without progress before a lagging learner asks a peer for decisions. Default 8. */
        public Builder catchUpTicks(int ticks) {
            this.catchUpTicks = positive("catchUpTicks", ticks);
            return this;
        }

        /** The most decisions a learner sends in answer to one catch-up request. Default 256. */
        public Builder catchUpBatch(int slots) {
            this.catchUpBatch = positive("catchUpBatch", slots);
            return this;
        }

        /** The most client commands one slot carries. Default 64. */
        public Builder maxBatch(int commands) {
            this.maxBatch = positive("maxBatch", commands);
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException if the backoff cap is below its base, or no node both
         *                                  proposes and learns (nobody could serve clients)
         */
        public BasicPaxos build() {
            if (backoffCapTicks < backoffBaseTicks) {
                throw new IllegalArgumentException("backoffCapTicks " + backoffCapTicks + " is below backoffBaseTicks "
                    + backoffBaseTicks);
            }
            if (proposers != null && learners != null
                && Arrays.stream(proposers).noneMatch(p -> Arrays.stream(learners).anyMatch(l -> l == p))) {
                throw new IllegalArgumentException("no node both proposes and learns, so no node can serve clients: proposers "
                    + Arrays.toString(proposers) + ", learners " + Arrays.toString(learners));
            }
            return new BasicPaxos(this);
        }

        private static int positive(String what, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(what + " must be >= 1, was " + value);
            }
            return value;
        }

        private static int[] distinct(String what, int[] nodes) {
            if (nodes == null || nodes.length == 0) {
                throw new IllegalArgumentException(what + " must name at least one node");
            }
            if (Arrays.stream(nodes).distinct().count() != nodes.length) {
                throw new IllegalArgumentException(what + " repeat a node: " + Arrays.toString(nodes));
            }
            return nodes.clone();
        }
    }
}
