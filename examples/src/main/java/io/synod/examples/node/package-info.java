/**
 * {@code synod-node}: one replica per process, replicas talking over TCP, the key-value store
 * served to clients on a loopback port — Synod deployed rather than embedded.
 *
 * <p><b>Pieces.</b> {@link io.synod.examples.node.NodeConfig} reads and validates a properties
 * file (every refusal names its key); {@link io.synod.examples.node.Node} assembles a
 * {@link io.synod.storage.FileStorage}, a {@link io.synod.transport.tcp.TcpTransport} and a
 * {@link io.synod.runtime.Replica} of the chosen protocol around the key-value store, and serves it
 * on the client port; {@link io.synod.examples.node.SynodNode} is the process around a node (PID
 * file, signals, exit statuses); {@link io.synod.examples.node.NodeClient} talks to a client port.
 *
 * <p><b>Client protocol.</b> Lines of UTF-8 on 127.0.0.1 only, one answer per request, in order:
 * {@code PUT <key> <value>}, {@code DELETE <key>}, {@code GET <key>} (linearizable),
 * {@code LOCAL-GET <key>}, {@code DIGEST}, {@code STATUS}, and with {@code client.admin=true}
 * {@code BLOCK <peer>} / {@code UNBLOCK <peer>}, which drop all traffic between this node and a
 * peer (a partition without root, for tests). Answers are {@code OK <text>} or
 * {@code ERR <CODE> <message>}, the code being a {@link io.synod.runtime.RequestFailedException.Cause}
 * or one of {@code BAD_REQUEST}, {@code NOT_ALLOWED}, {@code TOO_LONG}, {@code BUSY}. A write that
 * fails with {@code TIMEOUT} or {@code CLOSED}, or whose connection broke, may still be applied.
 *
 * <p><b>Threading.</b> One thread per client connection blocks on its request's future; the
 * replica and the transport keep their own threads.
 *
 * <p><b>Failure.</b> A node whose replica stops on an error (a failed fsync, a diverged state)
 * exits with status 3 and sends nothing more; SIGTERM stops it cleanly. Its data directory is
 * locked while it runs and records which node of which cluster it belongs to, so a node started on
 * another's directory refuses to run.
 *
 * <p><b>Example</b> (three nodes on one machine; see {@code bin/synod-node}):
 * <pre>
 * $ cat node-1.properties
 * node.id=1
 * member.1=127.0.0.1:7101
 * member.2=127.0.0.1:7102
 * member.3=127.0.0.1:7103
 * data.dir=data/node-1
 * protocol=multi-paxos
 * cluster.id=demo
 * cluster.secret.file=secret
 * client.port=7201
 * $ bin/synod-node node-1.properties &amp;   # and node-2, node-3 alike
 * $ bin/synod-node client 7201 PUT colour blue
 * OK
 * $ bin/synod-node client 7203 GET colour
 * OK blue
 * </pre>
 */
package io.synod.examples.node;
