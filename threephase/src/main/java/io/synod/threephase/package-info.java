/**
 * Three-phase commit (Skeen, "Nonblocking commit protocols", 1981) with the textbook timeout
 * actions and the termination protocol, as a deterministic {@link io.synod.api.commit.CommitCore}.
 *
 * <p><b>The protocol.</b> CANCOMMIT → yes/no → PRECOMMIT → ACK → DOCOMMIT → HAVECOMMITTED. The
 * pre-commit round puts a state between "uncertain" and "committed", so that no participant is
 * ever uncertain while another has committed. <b>Timeouts:</b> a coordinator missing a vote
 * aborts; missing an ack, it commits (the silent participant crashed and will learn the outcome);
 * a participant uncertain or pre-committed for too long starts the termination protocol
 * ({@code Termination}): it makes itself coordinator under a fresh {@link io.synod.protocol.Ballot},
 * gathers the states of the participants it can reach, and decides by Skeen's rules.
 *
 * <p><b>What it promises.</b> With crash failures only and a timeout that truly means a crash,
 * no participant blocks while one operational participant remains, and all decide alike. Under a
 * network partition the promise is void: each side terminates on its own and they may decide
 * differently — the split the commit experiment finds and replays. Only a quorum (Paxos Commit)
 * avoids both blocking and splitting.
 *
 * <p><b>Records</b> (see {@code ThreePhaseRecord}): the coordinator's COMMIT before DOCOMMIT;
 * a participant's PREPARED before its yes, PRECOMMITTED before its ack, DECIDED before applying,
 * REFUSED before telling a termination leader it never voted. A participant keeps its commit records,
 * as in {@code io.synod.twophase}.
 *
 * <pre>{@code
 * CommitProtocol threePc = ThreePhaseCommit.defaults();
 * CommitCore core = threePc.create(new CommitContext(self, nodes, random, hardState, records));
 * }</pre>
 */
package io.synod.threephase;
