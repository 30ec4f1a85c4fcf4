/**
 * The coordination tree under the deterministic simulator: {@link io.synod.examples.coordination.sim.TreeWorkload}
 * (what clients ask), {@link io.synod.examples.coordination.sim.ObservedCoordination} (the service's state
 * machine on each simulated replica, with reads and the apply context of each update made visible),
 * {@link io.synod.examples.coordination.sim.TreeSpec} (the reference model as the linearizability checker's
 * specification), {@link io.synod.examples.coordination.sim.ReplicaTrees} (replicas' trees compared at equal
 * index; ephemerals gone with their session) and the broken variants that calibrate those checks
 * ({@link io.synod.examples.coordination.sim.FlawedCoordination}).
 */
package io.synod.examples.coordination.sim;
