/**
 * Three-phase commit, as a deterministic protocol core (not yet written).
 *
 * <p>It will map onto the common SPI as two-phase commit does, with a pre-commit round between
 * the vote and the decision, and participants that decide by themselves on a tick-counted timeout
 * in the states where that is safe.
 */
package io.synod.threephase;
