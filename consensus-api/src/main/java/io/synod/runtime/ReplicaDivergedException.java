package io.synod.runtime;

/**
 * A replica's applied state differs from what a majority of the members applied: its state
 * machine is nondeterministic, or a bug or a bad disk changed its state. The replica stops with
 * this as its {@link ReplicaHealth#failure()}; its data directory must not serve again as it is
 * (restore it from a healthy replica's snapshot).
 */
public final class ReplicaDivergedException extends IllegalStateException {

    public ReplicaDivergedException(String message) {
        super(message);
    }
}
