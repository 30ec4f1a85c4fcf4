/**
 * A replicated key-value store in a page of code: the smallest useful {@link io.synod.api.StateMachine}
 * that uses the {@link io.synod.api.ApplyContext} (versions from the log, time stamps from the
 * leader, keys owned by a session and dropped when it ends) and the client API of
 * {@link io.synod.runtime.Replica} (sessions, {@code readLocal(minIndex, …)}, {@code sync()}). The
 * failover end-to-end test and the client API tests replicate it.
 */
package io.synod.examples.kv;
