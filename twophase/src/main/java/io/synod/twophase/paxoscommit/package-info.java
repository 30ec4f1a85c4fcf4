/**
 * Paxos Commit (Gray and Lamport, "Consensus on Transaction Commit", ACM TODS 2006): atomic commit
 * as one Paxos consensus per participant's vote, so that neither a coordinator's crash blocks nor
 * a partition splits.
 *
 * <p>The coordinator sends PREPARE; each participant has its resource vote, records the vote and
 * proposes it in ballot 0 of its own instance to the acceptors — here the transaction's
 * participants themselves, so 2F + 1 participants tolerate F crashes. Acceptors record what they
 * accept and tell the ballot's leader (the coordinator for ballot 0). The leader learns each
 * instance once a majority accepted it, and announces commit (every instance chose "prepared") or
 * abort. If the coordinator is slow or gone, a participant (or the coordinator after its vote
 * timeout) leads a higher ballot: phase 1 on all instances, the value a majority may have chosen
 * re-proposed, "aborted" proposed for participants that never voted. A node cut off from a
 * majority of acceptors waits until it is not — it cannot learn, but it never decides differently.
 *
 * <p>It reuses {@link io.synod.protocol.Ballot} from the shared protocol parts; its acceptor is
 * its own ({@code CommitAcceptor}), keyed by transaction and participant, so no protocol depends
 * on another.
 *
 * <pre>{@code
 * CommitProtocol paxosCommit = PaxosCommit.defaults();
 * CommitCore core = paxosCommit.create(new CommitContext(self, nodes, random, hardState, records));
 * }</pre>
 */
package io.synod.twophase.paxoscommit;
