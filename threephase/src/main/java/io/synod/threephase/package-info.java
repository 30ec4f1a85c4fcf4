/**
 * Three-phase commit, as a deterministic commit core (not yet written).
 *
 * <p>It will implement {@link io.synod.api.commit.CommitCore} as two-phase commit does, with a
 * pre-commit round between the vote and the decision, participants that decide by themselves on
 * a tick-counted timeout ({@code io.synod.protocol.RandomizedTimeout}) in the states where that is
 * safe, and a termination protocol that elects a new coordinator among the participants by
 * {@code io.synod.protocol.Ballot}.
 */
package io.synod.threephase;
