/**
 * Quorum systems: who must agree before a protocol may act.
 *
 * <h2>Phases</h2>
 * Consensus protocols gather two kinds of quorum. A <b>phase-1 quorum</b> is what a new leader
 * (Paxos proposer with a fresh ballot, ZAB prospective leader) must hear from before it may lead:
 * its members promise to ignore older rounds and report what they accepted. A <b>phase-2
 * quorum</b> is what must accept a value for it to be chosen (Paxos accept, ZAB proposal ack).
 * Atomic commit (2PC, 3PC) uses {@link io.synod.quorum.QuorumSystem#all all members} for both.
 *
 * <h2>Intersection</h2>
 * Safety needs every phase-1 quorum to share a member with every phase-2 quorum: that member
 * carries a chosen value into the next leader's round. Phase-1 quorums need not meet each other,
 * nor phase-2 quorums each other; that freedom is Flexible Paxos. Every factory on
 * {@link io.synod.quorum.QuorumSystem} checks intersection when it builds a system and refuses
 * a configuration that lacks it with a {@link io.synod.quorum.DisjointQuorumsException} naming
 * two minimal quorums that miss each other. Up to 16 members the check enumerates every subset;
 * beyond, it rests on each system's arithmetic (more-than-half arguments; {@code q1 + q2 > n}).
 * Quorums are monotone: adding members to a quorum keeps it one.
 *
 * <h2>Kinds</h2>
 * Majority; weighted (more than half the total weight; weight-zero members never count);
 * hierarchical (ZooKeeper's groups: more than half the weight in more than half the groups that
 * weigh anything); flexible (sizes q1 and q2, or explicit families of quorums); all members.
 *
 * <h2>Threading and allocation</h2>
 * A {@link io.synod.quorum.QuorumSystem} is immutable and may be shared across threads. A
 * {@link io.synod.quorum.VoteTracker} belongs to one thread (a protocol core's); its
 * {@code record}, {@code hasVoted} and quorum queries allocate nothing, so a core may keep one
 * tracker per round and {@code reset} it. Member ids are arbitrary ints; non-members' votes and
 * repeated votes are ignored.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * QuorumSystem quorums = QuorumSystem.flexible(4, 2, 1, 2, 3, 4, 5); // q1 + q2 > 5
 * VoteTracker accepted = quorums.newTracker();
 * accepted.record(3);
 * accepted.record(3);                      // a duplicate: ignored
 * accepted.record(5);
 * assert accepted.isPhase2Quorum();        // two acceptances choose the value
 * assert !accepted.isPhase1Quorum();       // but leading needs four promises
 *
 * QuorumSystem.flexible(2, 2, 1, 2, 3, 4);
 * // IllegalArgumentException: phase-1 quorum [1, 2] and phase-2 quorum [3, 4] share no member, ...
 * }</pre>
 */
package io.synod.quorum;
