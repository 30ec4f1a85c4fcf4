package io.synod.examples.coordination.server;

import io.synod.examples.coordination.admin.AdminConfig;

import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A coordination server's settings, from a zoo.cfg-style properties file: {@code clientPort}
 * (2181), {@code clientPortAddress} (127.0.0.1), {@code dataDir} (./synod-data), {@code tickTime}
 * (2000 ms), {@code minSessionTimeout} (2 ticks), {@code maxSessionTimeout} (20 ticks),
 * {@code jute.maxbuffer} (1 MiB - 1), {@code protocol} (multi-paxos), and for a cluster one
 * {@code server.N=host:peerPort[:electionPort]} line per member (the election port is ignored: Synod
 * elects over the peer port) with this server's id in {@code myid} or in the file {@code dataDir/myid},
 * as ZooKeeper keeps it, and the cluster's shared {@code secret}. The operator tools' keys
 * ({@code 4lw.commands.whitelist}, {@code admin.*}) are read by {@link AdminConfig}; {@code maxClientCnxns}
 * (60; 0: no limit) bounds the connections of one client address.
 */
public record ServerConfig(InetSocketAddress clientAddress, Path dataDir, int tickTime, int minSessionTimeout,
                           int maxSessionTimeout, int maxDataBytes, String protocol, Map<Integer, InetSocketAddress> servers,
                           int myId, String secret, AdminConfig admin, int maxClientCnxns) {

    public static final String MULTI_PAXOS = "multi-paxos";
    public static final String ZAB = "zab";

    /** The defaults: one server on 127.0.0.1:2181 with its data in ./synod-data. */
    public static ServerConfig defaults() {
        return from(new Properties());
    }

    /** @throws IllegalArgumentException naming the file and the key, for a file that cannot be read or a bad value */
    public static ServerConfig load(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            return from(p);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    public static ServerConfig from(Properties p) {
        int tick = intValue(p, "tickTime", 2000);
        int port = intValue(p, "clientPort", 2181);
        String host = p.getProperty("clientPortAddress", "127.0.0.1").trim();
        Path dataDir = Path.of(p.getProperty("dataDir", "./synod-data").trim());
        int min = intValue(p, "minSessionTimeout", 2 * tick);
        int max = intValue(p, "maxSessionTimeout", 20 * tick);
        if (min <= 0 || max < min) {
            throw new IllegalArgumentException("minSessionTimeout " + min + " and maxSessionTimeout " + max
                + " need 0 < min <= max");
        }
        String protocol = p.getProperty("protocol", MULTI_PAXOS).trim();
        if (!protocol.equals(MULTI_PAXOS) && !protocol.equals(ZAB)) {
            throw new IllegalArgumentException("protocol must be " + MULTI_PAXOS + " or " + ZAB + ", not '" + protocol + "'");
        }
        Map<Integer, InetSocketAddress> servers = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("server.")) {
                int id;
                try {
                    id = Integer.parseInt(key.substring("server.".length()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(key + ": the id after 'server.' must be a number");
                }
                if (id <= 0) {
                    throw new IllegalArgumentException(key + ": server ids start at 1");
                }
                String[] parts = p.getProperty(key).trim().split(":");
                if (parts.length < 2) {
                    throw new IllegalArgumentException(key + "=" + p.getProperty(key) + ": expected host:peerPort[:electionPort]");
                }
                servers.put(id, new InetSocketAddress(parts[0], portValue(key, parts[1])));
            }
        }
        int myId = 0;
        String secret = p.getProperty("secret", "").trim();
        if (!servers.isEmpty()) {
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
                myId = Integer.parseInt(mine.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("myid '" + mine.trim() + "' is not a number");
            }
            if (!servers.containsKey(myId)) {
                throw new IllegalArgumentException("myid " + myId + " has no server." + myId + " line");
            }
            if (secret.isEmpty()) {
                throw new IllegalArgumentException("a cluster needs a shared secret (the secret key): peers and session "
                    + "passwords are checked with it");
            }
        }
        if (secret.isEmpty()) {
            secret = "synod-coordination-single-server";
        }
        int maxData = intValue(p, "jute.maxbuffer", 1_048_575);
        int maxClientCnxns = intValue(p, "maxClientCnxns", ClientPortConfig.DEFAULT_MAX_CLIENT_CNXNS);
        if (maxClientCnxns < 0) {
            throw new IllegalArgumentException("maxClientCnxns=" + maxClientCnxns + ": must be 0 (no limit) or positive");
        }
        return new ServerConfig(new InetSocketAddress(host, port), dataDir, tick, min, max, maxData, protocol,
            Map.copyOf(servers), myId, secret, AdminConfig.from(p), maxClientCnxns);
    }

    /** True when {@code server.N} lines describe a cluster over TCP. */
    public boolean isCluster() {
        return !servers.isEmpty();
    }

    private static int intValue(Properties p, String key, int fallback) {
        String v = p.getProperty(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + v + " is not a number");
        }
    }

    private static int portValue(String key, String v) {
        try {
            int port = Integer.parseInt(v.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + v + "' is not a port");
        }
    }
}
