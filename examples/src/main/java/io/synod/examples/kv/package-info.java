/**
 * A replicated key-value store in a page of code: the smallest useful {@link io.synod.api.StateMachine},
 * and the one the failover end-to-end test replicates.
 */
package io.synod.examples.kv;
