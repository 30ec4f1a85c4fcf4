package io.synod.testkit;

import java.util.Optional;

/**
 * A safety property a protocol module contributes, checked by the simulator after every event
 * of every run (agreement per slot, primary order for ZAB, atomicity for commit protocols…).
 * The simulator already checks, for every protocol: agreement (no two nodes commit different
 * data at one index), validity (every committed command was proposed by a client) and order
 * (a node hands out committed indexes without gaps, except across snapshot installs).
 *
 * <p>An invariant sees the cluster read-only and must not draw randomness, so that checking
 * never changes a run. Keep it cheap: it runs after every event.
 *
 * <pre>{@code
 * Invariant oneLeaderPerTerm = Invariant.of("one leader per term", view -> ...);
 * }</pre>
 */
public interface Invariant {

    /** A short name for reports. */
    String name();

    /** What is wrong, or empty if the property holds now. */
    Optional<String> check(ClusterView view);

    /** An invariant from a name and a check. */
    static Invariant of(String name, java.util.function.Function<ClusterView, Optional<String>> check) {
        return new Invariant() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<String> check(ClusterView view) {
                return check.apply(view);
            }
        };
    }
}
