/**
 * The operator tools of a coordination server: ZooKeeper's four-letter words on the client port, and an
 * admin HTTP endpoint with the same facts as JSON and Prometheus metrics.
 *
 * <h2>Parts</h2>
 * {@link io.synod.examples.coordination.admin.FourLetterWord} names the words ({@code ruok}, {@code mntr}...)
 * and their AdminServer names ({@code monitor}...). {@link io.synod.examples.coordination.admin.FourLetterWords}
 * answers a connection whose first four bytes are a word (the server's client port asks it before it takes
 * them as a frame); {@link io.synod.examples.coordination.admin.FourLetterWordText} writes ZooKeeper's text,
 * {@link io.synod.examples.coordination.admin.AdminCommands} the same facts as a map,
 * {@link io.synod.examples.coordination.admin.MetricsScrape} the Prometheus text, and
 * {@link io.synod.examples.coordination.admin.AdminServer} serves the last two over HTTP.
 * {@link io.synod.examples.coordination.admin.ServerView} is what they all read of one server, through views
 * defined here ({@link io.synod.examples.coordination.admin.ServedClients},
 * {@link io.synod.examples.coordination.admin.ConnectionView}, {@link io.synod.examples.coordination.admin.FactsSource})
 * that the server implements: the tools do not depend on the server package;
 * {@link io.synod.examples.coordination.admin.AdminConfig} its zoo.cfg keys.
 *
 * <h2>Threading</h2>
 * A word arrives on the client port's I/O thread, which must not wait: words that read the tree, the sessions
 * or the watches ({@code mntr}, {@code srvr}, {@code wchc}, {@code dump}...) gather them on the replica thread
 * ({@link io.synod.examples.coordination.admin.FactsSource}) and answer when that completes; the others answer at once. The HTTP
 * endpoint runs on its own thread and waits for the same futures.
 *
 * <h2>Security</h2>
 * As ZooKeeper: only {@code srvr} is answered unless {@code 4lw.commands.whitelist} says more; the HTTP
 * endpoint has no authentication and so listens on 127.0.0.1 unless {@code admin.serverAddress} says otherwise.
 *
 * <pre>{@code
 * AdminConfig admin = AdminConfig.from(zooCfg);                 // 4lw.commands.whitelist, admin.*
 * CoordinationNode node = CoordinationNode.start(settings, new CoordinationNode.Tools(admin, 60, Map.of()));
 * // echo mntr | nc 127.0.0.1 2181      (if mntr is whitelisted)
 * // curl http://127.0.0.1:8080/commands/monitor
 * // curl http://127.0.0.1:8080/metrics
 * }</pre>
 */
package io.synod.examples.coordination.admin;
