package io.synod.paxos.multi;

import io.synod.protocol.Ballot;

/**
 * The role changes one part of a replica asks of the whole: the core implements them, because
 * each touches several parts (proposer, read index, election timer) at once.
 */
interface Leadership {

    /** {@code leader} leads at {@code ballot}, which this replica accepts. */
    void follow(Ballot ballot, int leader);

    /** This replica promised {@code ballot} to a candidate; any older leadership here is over. */
    void promised(Ballot ballot);

    /** This replica stops leading or campaigning; {@code leaderHint} may be NO_LEADER. */
    void stepDown(int leaderHint);

    /** Runs {@code action} into the batch after the one now gathering (once that one is durable). */
    void afterDurable(Runnable action);
}
