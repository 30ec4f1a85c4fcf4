/**
 * Benchmarks of the atomic commit protocols through their driver: two-phase, three-phase and
 * Paxos Commit side by side in one run, for 3 and 5 participants, on memory and file storage.
 */
package io.synod.benchmarks.commit;
