package io.synod.examples.coordination.server;

import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The zoo.cfg keys a Synod server knows. An unknown key is warned about once and otherwise
 * ignored, never a failure, so that a ZooKeeper configuration starts a Synod server unchanged; a
 * key ZooKeeper knows that Synod does not honour is warned about the same way, saying so.
 */
final class ConfigKeys {

    /** Keys read by this server. Add a key here when its parsing lands. */
    static final Set<String> KNOWN = Set.of(
        // ZooKeeper's
        "tickTime", "initLimit", "syncLimit", "dataDir", "dataLogDir", "clientPort", "clientPortAddress",
        "minSessionTimeout", "maxSessionTimeout", "peerType", "autopurge.snapRetainCount", "autopurge.purgeInterval",
        "jute.maxbuffer", "maxClientCnxns", "4lw.commands.whitelist", "admin.enableServer", "admin.serverAddress",
        "admin.serverPort", "admin.commandURL", "admin.idleTimeout", "standaloneEnabled", "sslQuorum",
        // Synod's
        "protocol", "secret", "myid", "protocolTickMillis", "persistInBackground",
        "preallocateSegments");

    /** Families of numbered or nested keys: {@code server.N}, {@code weight.N}, {@code group.G}, metrics, quorum TLS. */
    static final List<String> KNOWN_PREFIXES = List.of("server.", "weight.", "group.", "metricsProvider.", PeerTls.PREFIX);

    /** ZooKeeper keys that change nothing here (each still gets its warning, which says why). */
    static final Set<String> ZOOKEEPER_ONLY = Set.of(
        "reconfigEnabled", "dynamicConfigFile", "snapCount", "preAllocSize", "globalOutstandingLimit",
        "leaderServes", "cnxTimeout", "electionAlg", "electionPortBindRetry", "quorumListenOnAllIPs", "syncEnabled",
        "forceSync", "skipACL", "localSessionsEnabled", "localSessionsUpgradingEnabled", "secureClientPort",
        "secureClientPortAddress", "serverCnxnFactory", "portUnification", "sslQuorumReloadCertFiles", "snapSizeLimitInKb", "txnLogSizeLimitInKb", "maxCnxns");

    private ConfigKeys() {
    }

    /** Reports every key of {@code p} that is not known, once each, in key order. */
    static void warnUnknown(Properties p, Consumer<String> warnings) {
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            if (KNOWN.contains(key) || KNOWN_PREFIXES.stream().anyMatch(key::startsWith)) {
                continue;
            }
            if (ZOOKEEPER_ONLY.contains(key)) {
                warnings.accept("zoo.cfg key '" + key + "' is ZooKeeper's and has no effect on a Synod server; ignored");
            } else {
                warnings.accept("unknown zoo.cfg key '" + key + "'; ignored");
            }
        }
    }
}
