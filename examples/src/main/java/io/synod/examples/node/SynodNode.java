package io.synod.examples.node;

import io.synod.runtime.ReplicaHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * The {@code synod-node} process: one replica, configured from a properties file (see
 * {@link NodeConfig}), serving the key-value store on a client port.
 *
 * <pre>
 * synod-node &lt;config.properties&gt;                  run a node until SIGTERM
 * synod-node client &lt;port&gt; &lt;request ...&gt;          send one request line to 127.0.0.1:&lt;port&gt;
 * </pre>
 *
 * <p><b>Process contract.</b> Once the node runs, it writes its PID file and prints one line to
 * standard output, {@code synod-node <id> ready: peers on <address>, clients on 127.0.0.1:<port>,
 * pid <pid>}; logs go to standard error. SIGTERM (or SIGINT) stops it cleanly: the client port
 * closes, pending requests fail with {@code ERR CLOSED}, the log is closed after its last fsync,
 * the PID file is removed; the exit status is then the JVM's for the signal (143 for SIGTERM).
 * Other exit statuses: 2 for an invalid configuration (the message names the key and the reason),
 * 1 for a node that cannot start (a port in use, another node's or cluster's data directory, a
 * corrupt log: the message says which), 3 for a replica that stopped on an error while running
 * (fail-stop: it sends nothing more, and the process ends so that a supervisor notices).
 */
public final class SynodNode {

    static final int EXIT_CANNOT_START = 1;
    static final int EXIT_BAD_CONFIG = 2;
    static final int EXIT_STOPPED = 3;

    private static final Duration WATCH_EVERY = Duration.ofMillis(100);

    private SynodNode() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("org.slf4j.simpleLogger.showDateTime") == null) {
            System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
            System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        }
        if (args.length >= 1 && args[0].equals("client")) {
            System.exit(client(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        if (args.length != 1) {
            System.err.println("usage: synod-node <config.properties>");
            System.err.println("       synod-node client <port> <request ...>");
            System.exit(EXIT_BAD_CONFIG);
        }
        run(Path.of(args[0]));
    }

    private static void run(Path configFile) throws InterruptedException {
        NodeConfig config;
        try {
            config = NodeConfig.load(configFile);
        } catch (NodeConfigException e) {
            System.err.println("synod-node: invalid configuration in " + configFile + ": " + e.getMessage());
            System.exit(EXIT_BAD_CONFIG);
            return;
        }
        Logger log = LoggerFactory.getLogger(SynodNode.class);
        config.warning().ifPresent(log::warn);
        log.info("starting {}", config.describe());
        Node node;
        try {
            node = Node.start(config);
        } catch (RuntimeException e) {
            log.error("node {} cannot start", config.nodeId(), e);
            System.err.println("synod-node: node " + config.nodeId() + " cannot start: " + e.getMessage());
            System.exit(EXIT_CANNOT_START);
            return;
        }
        PidFile pid;
        try {
            pid = PidFile.write(config.pidFile());
        } catch (RuntimeException e) {
            node.close();
            System.err.println("synod-node: " + e.getMessage());
            System.exit(EXIT_CANNOT_START);
            return;
        }
        Thread stop = new Thread(() -> {
            log.info("node {} stopping", config.nodeId());
            node.close();
            pid.delete();
            log.info("node {} stopped cleanly", config.nodeId());
        }, "synod-node-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        InetSocketAddress peers = node.peerAddress();
        System.out.println("synod-node " + config.nodeId() + " ready: peers on " + peers.getAddress().getHostAddress() + ":"
            + peers.getPort() + ", clients on 127.0.0.1:"
            + node.clientPort() + ", pid " + ProcessHandle.current().pid());
        System.out.flush();
        watch(node, log);
    }

    /** Ends the process if the replica stops on an error: a node that cannot serve should not look alive. */
    private static void watch(Node node, Logger log) throws InterruptedException {
        while (true) {
            Thread.sleep(WATCH_EVERY.toMillis());
            ReplicaHealth health = node.health();
            if (health.state() == ReplicaHealth.State.STOPPED) {
                log.error("node {} stopped on an error and exits; its data directory is left as it was",
                    node.config().nodeId(), health.failure());
                System.exit(EXIT_STOPPED);
            }
        }
    }

    /** {@code client <port> <request ...>}: prints the answer; status 0 for OK, 1 otherwise. */
    static int client(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2) {
            err.println("usage: synod-node client <port> <request ...>   e.g. synod-node client 7201 PUT colour blue");
            return EXIT_BAD_CONFIG;
        }
        int port;
        try {
            port = Integer.parseInt(args[0]);
        } catch (NumberFormatException e) {
            err.println("synod-node client: '" + args[0] + "' is not a port");
            return EXIT_BAD_CONFIG;
        }
        String request = String.join(" ", Arrays.copyOfRange(args, 1, args.length));
        try (NodeClient c = NodeClient.connect(port, Duration.ofSeconds(60))) {
            String answer = c.request(request);
            out.println(answer);
            return answer.startsWith("OK") ? 0 : 1;
        } catch (IOException e) {
            err.println("synod-node client: 127.0.0.1:" + port + ": " + e.getMessage());
            return 1;
        }
    }
}
