/**
 * The commit protocols' small driver, {@link io.synod.runtime.commit.CommitNode}: one node of an
 * atomic commit protocol on one thread, over the same SPI pieces the replication runtime uses — a
 * {@link io.synod.spi.Transport}, a {@link io.synod.spi.LogStore} for the records, a
 * {@link io.synod.spi.HardStateStore} — and the node's
 * {@link io.synod.api.commit.TransactionalResource}. Why commit protocols do not run in the
 * replication runtime is told in {@link io.synod.api.commit}.
 *
 * <p><b>Threading.</b> {@code run} may be called from any thread; the core, the stores and the
 * resource are touched only by the node's thread. <b>Ordering</b>: every waiting input first, then
 * per batch persist and sync once, then send, then call the resource, then complete futures — so
 * concurrent transactions share forced writes, and no message leaves before the record it reports
 * is durable. <b>Failure</b>: fail-stop.
 *
 * <pre>{@code
 * CommitNode node = CommitNode.start(protocol, 1, new int[] {1, 2, 3}, transport, records, hardState, numbers,
 *     resource, Clock.system(), 1_000_000);
 * node.run(Map.of(2, debit, 3, credit)).thenAccept(outcome -> System.out.println(outcome));
 * }</pre>
 */
package io.synod.runtime.commit;
