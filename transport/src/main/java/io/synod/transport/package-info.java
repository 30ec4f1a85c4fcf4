/**
 * How messages travel between replicas.
 *
 * <p>{@link io.synod.transport.InJvmNetwork} connects replicas in one JVM through bounded queues,
 * with links that tests can cut and heal. {@link io.synod.transport.tcp.TcpTransport} connects
 * replicas in separate processes or machines: length-prefixed frames, an authenticated cluster
 * handshake, optional TLS, per-peer metrics (see {@code io.synod.transport.tcp}).
 *
 * <p><b>Semantics.</b> Best effort, like any network: a full inbox, a cut link or an absent node
 * drops the message; protocols recover through their own retries.
 *
 * <p><b>Threading.</b> Any thread may send; only the owning replica's thread polls its inbox.
 *
 * <p><b>Example</b>:
 * <pre>{@code
 * InJvmNetwork network = new InJvmNetwork();
 * Transport one = network.join(1), two = network.join(2);
 * one.send(new Envelope(1, 2, message));
 * two.poll(envelope -> core.step(envelope), 64);
 * network.isolate(1);    // a partition, for a test
 * network.heal();
 * }</pre>
 */
package io.synod.transport;
