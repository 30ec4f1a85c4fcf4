package io.synod.examples.coordination.server;

import io.synod.examples.coordination.admin.AdminConfig;
import io.synod.transport.tcp.TlsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A coordination server's settings, from a zoo.cfg-style properties file (the README's table lists
 * every key): {@code clientPort} (2181), {@code clientPortAddress} (127.0.0.1), {@code dataDir}
 * (./synod-data), {@code dataLogDir} (the write-ahead log's directory, dataDir by default),
 * {@code tickTime} (2000 ms), {@code minSessionTimeout} (2 ticks), {@code maxSessionTimeout}
 * (20 ticks), {@code jute.maxbuffer} (1 MiB - 1), {@code protocol} (multi-paxos), the
 * {@link Ensemble} keys, the {@link Autopurge} keys, and for a cluster one {@code server.N} line per
 * member ({@link ServerLine}) with this server's id in {@code myid} or in the file
 * {@code dataDir/myid}, as ZooKeeper keeps it, and the cluster's shared {@code secret} (a single line runs
 * standalone unless {@code standaloneEnabled=false}, as ZooKeeper does). Unknown keys
 * are warned about ({@link ConfigKeys}); invalid values are refused naming the key and the reason.
 * The operator tools' keys ({@code 4lw.commands.whitelist}, {@code admin.*}) are read by
 * {@link AdminConfig}; {@code maxClientCnxns} (60; 0: no limit) bounds the connections of one client
 * address. {@code sslQuorum} and {@code ssl.quorum.*} give the peers TLS ({@link PeerTls}; {@code peerTls} null:
 * plain TCP). {@code persistInBackground} (false) fsyncs the log on a thread of its own, so the replica
 * thread goes on with messages and ticks meanwhile ({@code ReplicaConfig.persistInBackground});
 * {@code preallocateSegments} (true) prepares the write-ahead log's next segment in the background
 * ({@code StorageOptions.preallocateSegments}).
 */
public record ServerConfig(InetSocketAddress clientAddress, Path dataDir, int tickTime, int minSessionTimeout,
                           int maxSessionTimeout, int maxDataBytes, String protocol, Map<Integer, InetSocketAddress> servers,
                           int myId, String secret, Path dataLogDir, Ensemble ensemble, Autopurge autopurge,
                           AdminConfig admin, int maxClientCnxns, TlsConfig peerTls, boolean persistInBackground,
                           boolean preallocateSegments) {

    public static final String MULTI_PAXOS = "multi-paxos";
    public static final String ZAB = "zab";

    private static final Logger LOG = LoggerFactory.getLogger(ServerConfig.class);

    /** The defaults: one server on 127.0.0.1:2181 with its data in ./synod-data. */
    public static ServerConfig defaults() {
        return from(new Properties());
    }

    /** @throws IllegalArgumentException naming the file and the key, for a file that cannot be read or a bad value */
    public static ServerConfig load(Path file) {
        return load(file, ServerConfig::warn);
    }

    /** {@link #load(Path)}, handing each warning (an unknown key, a value raised to its minimum) to {@code warnings}. */
    public static ServerConfig load(Path file, Consumer<String> warnings) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            return from(p, w -> warnings.accept(file + ": " + w));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    public static ServerConfig from(Properties p) {
        return from(p, ServerConfig::warn);
    }

    public static ServerConfig from(Properties p, Consumer<String> warnings) {
        ConfigKeys.warnUnknown(p, warnings);
        int tick = ConfigValues.positive(p, "tickTime", 2000);
        int port = ServerLine.port("clientPort", p.getProperty("clientPort", "2181"));
        String host = p.getProperty("clientPortAddress", "127.0.0.1").trim();
        Path dataDir = Path.of(p.getProperty("dataDir", "./synod-data").trim());
        String logDir = p.getProperty("dataLogDir", "").trim();
        Path dataLogDir = logDir.isEmpty() ? dataDir : Path.of(logDir);
        int min = ConfigValues.integer(p, "minSessionTimeout", 2 * tick);
        int max = ConfigValues.integer(p, "maxSessionTimeout", 20 * tick);
        if (min <= 0 || max < min) {
            throw new IllegalArgumentException("minSessionTimeout " + min + " and maxSessionTimeout " + max
                + " need 0 < min <= max");
        }
        String protocol = p.getProperty("protocol", MULTI_PAXOS).trim();
        if (!protocol.equals(MULTI_PAXOS) && !protocol.equals(ZAB)) {
            throw new IllegalArgumentException("protocol must be " + MULTI_PAXOS + " or " + ZAB + ", not '" + protocol + "'");
        }
        Map<Integer, ServerLine> lines = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("server.")) {
                ServerLine line = ServerLine.parse(key, p.getProperty(key));
                lines.put(line.id(), line);
            }
        }
        Ensemble ensemble = Ensemble.parse(p, lines);
        boolean standaloneEnabled = ConfigValues.bool(p, "standaloneEnabled", true);
        Autopurge autopurge = Autopurge.parse(p, warnings);
        String peerType = p.getProperty("peerType", "participant").trim();
        if (!peerType.equals("participant") && !peerType.equals("observer")) {
            throw new IllegalArgumentException("peerType=" + peerType + ": must be participant or observer");
        }
        Map<Integer, InetSocketAddress> servers = new TreeMap<>();
        lines.forEach((id, line) -> servers.put(id, line.resolvedPeer()));
        int myId = 0;
        String secret = p.getProperty("secret", "").trim();
        InetSocketAddress client = new InetSocketAddress(host, port);
        if (lines.size() == 1 && standaloneEnabled) {
            // As ZooKeeper with standaloneEnabled=true: one server line is a standalone server, which opens no
            // peer port and needs no myid (an observer as the only line was refused above: no voter); it keeps the line's id, so its data directory is the one that server
            // has in a cluster.
            ServerLine only = lines.values().iterator().next();
            String mine = p.getProperty("myid");
            if (mine != null && !mine.trim().equals(Integer.toString(only.id()))) {
                throw new IllegalArgumentException("myid " + mine.trim() + " has no server." + mine.trim()
                    + " line (the only one is server." + only.id() + ")");
            }
            if (only.client() != null) {
                client = clientOf(p, port, only);
            }
            return new ServerConfig(client, dataDir, tick, min, max, maxData(p), protocol, Map.of(), only.id(),
                secret.isEmpty() ? SINGLE_SERVER_SECRET : secret, dataLogDir, ensemble, autopurge, AdminConfig.from(p),
                maxClientCnxns(p), PeerTls.parse(p, false, warnings), ConfigValues.bool(p, "persistInBackground", false),
            ConfigValues.bool(p, "preallocateSegments", true));
        }
        if (!lines.isEmpty()) {
            myId = myId(p, dataDir);
            ServerLine mine = lines.get(myId);
            if (mine == null) {
                throw new IllegalArgumentException("myid " + myId + " has no server." + myId + " line");
            }
            if (peerType.equals("observer") != mine.observer()) {
                throw new IllegalArgumentException("peerType=" + peerType + " but server." + myId + " is "
                    + (mine.observer() ? "marked :observer" : "not marked :observer")
                    + "; every server must read the same list of voters, so mark it on the server." + myId + " line");
            }
            if (mine.client() != null) {
                client = clientOf(p, port, mine);
            }
            if (secret.isEmpty()) {
                secret = derivedSecret(lines);
                warnings.accept("no secret set: peers are authenticated with a key derived from the server.N lines, "
                    + "which anyone who reads zoo.cfg knows; set secret=<random string> on every server");
            }
        } else if (peerType.equals("observer")) {
            throw new IllegalArgumentException("peerType=observer: an observer needs server.N lines naming the voters");
        }
        if (secret.isEmpty()) {
            secret = SINGLE_SERVER_SECRET;
        }
        return new ServerConfig(client, dataDir, tick, min, max, maxData(p), protocol, Map.copyOf(servers), myId, secret,
            dataLogDir, ensemble, autopurge, AdminConfig.from(p), maxClientCnxns(p), PeerTls.parse(p, !lines.isEmpty(), warnings),
            ConfigValues.bool(p, "persistInBackground", false),
            ConfigValues.bool(p, "preallocateSegments", true));
    }

    private static final String SINGLE_SERVER_SECRET = "synod-coordination-single-server";

    private static int maxData(Properties p) {
        return ConfigValues.positive(p, "jute.maxbuffer", 1_048_575);
    }

    private static int maxClientCnxns(Properties p) {
        int value = ConfigValues.integer(p, "maxClientCnxns", ClientPortConfig.DEFAULT_MAX_CLIENT_CNXNS);
        if (value < 0) {
            throw new IllegalArgumentException("maxClientCnxns=" + value + ": must be 0 (no limit) or positive");
        }
        return value;
    }

    /** The client address the server's own line gives, checked against clientPort. */
    private static InetSocketAddress clientOf(Properties p, int port, ServerLine mine) {
        if (p.getProperty("clientPort") != null && mine.client().getPort() != port) {
            throw new IllegalArgumentException("clientPort=" + port + " but server." + mine.id() + " says client port "
                + mine.client().getPort());
        }
        return new InetSocketAddress(mine.client().getHostString(), mine.client().getPort());
    }

    /**
     * True when {@code server.N} lines describe a cluster over TCP. A single line with {@code standaloneEnabled}
     * (true by default, as in ZooKeeper) is a standalone server: not a cluster, {@link #myId} its line's id.
     */
    public boolean isCluster() {
        return !servers.isEmpty();
    }

    /** True when this server is a cluster's observer: it learns the log and serves clients but never votes. */
    public boolean isObserver() {
        return ensemble.observers().contains(myId);
    }

    private static int myId(Properties p, Path dataDir) {
        String mine = p.getProperty("myid");
        if (mine == null) {
            Path file = dataDir.resolve("myid");
            try {
                mine = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalArgumentException("a cluster needs this server's id: set myid, or write it to " + file);
            }
        }
        try {
            return Integer.parseInt(mine.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("myid '" + mine.trim() + "' is not a number");
        }
    }

    /** The same on every server that reads the same server.N lines, and different for another ensemble. */
    private static String derivedSecret(Map<Integer, ServerLine> lines) {
        StringBuilder b = new StringBuilder("synod-coordination-ensemble");
        lines.forEach((id, line) -> b.append(';').append(id).append('=').append(line.peer().getHostString())
            .append(':').append(line.peer().getPort()).append(line.observer() ? ":observer" : ""));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void warn(String message) {
        LOG.warn(message);
    }
}
