package io.synod.examples.coordination.server;

import io.synod.api.Protocol;
import io.synod.paxos.multi.MultiPaxos;
import io.synod.quorum.QuorumSystem;
import io.synod.zab.Zab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerConfigTest {

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    private ServerConfig parse(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return ServerConfig.from(p, warnings::add);
    }

    private void refused(String text, String... expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(text));
        for (String part : expected) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
        }
    }

    static Properties sample() throws IOException {
        Properties p = new Properties();
        try (InputStream in = ServerConfigTest.class.getResourceAsStream("/zookeeper/zoo_sample.cfg")) {
            p.load(in);
        }
        return p;
    }

    @Test
    void zooKeepersSampleConfigurationIsReadAsZooKeeperReadsIt() throws IOException {
        ServerConfig c = ServerConfig.from(sample(), warnings::add);
        assertEquals(2000, c.tickTime());
        assertEquals(10, c.ensemble().initLimit());
        assertEquals(5, c.ensemble().syncLimit());
        assertEquals(Path.of("/tmp/zookeeper"), c.dataDir());
        assertEquals(Path.of("/tmp/zookeeper"), c.dataLogDir(), "the log stays with the data without dataLogDir");
        assertEquals(2181, c.clientAddress().getPort());
        assertEquals(4000, c.minSessionTimeout());
        assertEquals(40000, c.maxSessionTimeout());
        assertEquals(Autopurge.defaults(), c.autopurge());
        assertFalse(c.isCluster());
        assertEquals(List.of(), warnings, "the sample has no key Synod does not know");
    }

    @Test
    void aTypicalThreeServerConfigurationIsACluster() throws IOException {
        Files.writeString(dir.resolve("myid"), "2\n");
        ServerConfig c = parse("""
            tickTime=2000
            dataDir=%s
            dataLogDir=%s/txlog
            clientPort=2181
            initLimit=5
            syncLimit=2
            autopurge.snapRetainCount=5
            autopurge.purgeInterval=24
            server.1=127.0.0.1:2888:3888
            server.2=127.0.0.2:2888:3888
            server.3=127.0.0.3:2888:3888
            """.formatted(dir, dir));
        assertTrue(c.isCluster());
        assertEquals(2, c.myId(), "from dataDir/myid");
        assertEquals(Set.of(1, 2, 3), c.servers().keySet());
        assertEquals(new InetSocketAddress("127.0.0.2", 2888), c.servers().get(2));
        assertEquals(dir.resolve("txlog"), c.dataLogDir());
        assertEquals(new Autopurge(5, 24), c.autopurge());
        assertEquals(5, c.ensemble().initLimit());
        assertEquals(2, c.ensemble().syncLimit());
        assertArrayEquals(new int[] {1, 2, 3}, c.ensemble().voters(c.servers().keySet()));
        assertEquals(Optional.empty(), c.ensemble().quorumSystem(c.servers().keySet()), "a plain majority");
        assertFalse(c.isObserver());
        assertEquals(1, warnings.size(), "one warning, about the missing secret: " + warnings);
        assertTrue(warnings.get(0).contains("secret"));
        assertEquals(64, c.secret().length(), "a secret derived from the server lines");
        assertEquals(c.secret(), parse("myid=1\n" + "server.3=127.0.0.3:2888:3888\nserver.1=127.0.0.1:2888:3888\n"
            + "server.2=127.0.0.2:2888:3888\n").secret(), "every server of the ensemble derives the same secret");
    }

    @Test
    void zooKeeper35ServerLinesCarryTheTypeAndTheClientAddress() {
        ServerConfig c = parse("""
            myid=4
            secret=s
            peerType=observer
            server.1=[::1]:2888:3888;2181
            server.2=127.0.0.1:2889:3889:participant;127.0.0.1:2182
            server.3=127.0.0.1:2890
            server.4=127.0.0.1:2891:3891:observer;127.0.0.1:2184
            """);
        assertEquals(new InetSocketAddress("::1", 2888), c.servers().get(1));
        assertEquals(2890, c.servers().get(3).getPort(), "the election port may be left out");
        assertEquals(Set.of(4), c.ensemble().observers());
        assertTrue(c.isObserver());
        assertArrayEquals(new int[] {1, 2, 3}, c.ensemble().voters(c.servers().keySet()));
        assertArrayEquals(new int[] {4}, c.ensemble().observerIds(c.servers().keySet()));
        assertEquals(new InetSocketAddress("127.0.0.1", 2184), c.clientAddress(), "this server's client address from its line");
        assertEquals(List.of(), warnings);
        ServerLine bare = ServerLine.parse("server.1", "zk1:2888:3888;2181");
        assertEquals("0.0.0.0", bare.client().getHostString(), "a bare client port listens everywhere, as in ZooKeeper");
    }

    @Test
    void groupsAndWeightsBecomeHierarchicalQuorumsThatBothProtocolsTake() {
        String ensemble = """
            myid=1
            secret=s
            server.1=127.0.0.1:2001:3001
            server.2=127.0.0.1:2002:3002
            server.3=127.0.0.1:2003:3003
            server.4=127.0.0.1:2004:3004
            server.5=127.0.0.1:2005:3005
            server.6=127.0.0.1:2006:3006
            server.7=127.0.0.1:2007:3007:observer
            group.1=1:2:3
            group.2=4:5
            group.3=6
            weight.1=1
            weight.2=1
            weight.3=1
            weight.4=1
            weight.5=1
            weight.6=0
            """;
        ServerConfig c = parse(ensemble);
        QuorumSystem q = c.ensemble().quorumSystem(c.servers().keySet()).orElseThrow();
        assertTrue(q.isPhase2Quorum(new int[] {1, 2, 4, 5}), "majorities of groups 1 and 2 (group 3 weighs nothing)");
        assertFalse(q.isPhase2Quorum(new int[] {1, 2, 3}), "one group of the two counted is no quorum");
        assertFalse(q.isPhase2Quorum(new int[] {1, 2, 3, 4}), "group 2 needs more than half its weight");
        Protocol paxos = CoordinationMain.protocol(c, c.ensemble().quorumSystem(c.servers().keySet()));
        assertTrue(((MultiPaxos) paxos).quorum().isPresent());
        ServerConfig zab = parse(ensemble + "protocol=zab\n");
        assertTrue(((Zab) CoordinationMain.protocol(zab, zab.ensemble().quorumSystem(zab.servers().keySet()))).quorum().isPresent());
        ServerConfig weighted = parse("myid=1\nsecret=s\nserver.1=h:1\nserver.2=h:2\nserver.3=h:3\nweight.1=3\n");
        QuorumSystem w = weighted.ensemble().quorumSystem(weighted.servers().keySet()).orElseThrow();
        assertTrue(w.isPhase2Quorum(new int[] {1}), "weight 3 of 5 is a weighted majority alone");
    }

    @Test
    void unknownKeysAreWarnedAboutOnceEachAndNeverFail() {
        ServerConfig c = parse("""
            clientPort=2181
            fooBar=1
            snapCount=100000
            maxClientCnxns=60
            4lw.commands.whitelist=*
            admin.serverPort=8080
            metricsProvider.httpPort=7000
            """);
        assertEquals(2181, c.clientAddress().getPort());
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("'fooBar'"), warnings.get(0));
        assertTrue(warnings.get(1).contains("'snapCount'") && warnings.get(1).contains("ZooKeeper"), warnings.get(1));
    }

    @Test
    void aRetainCountBelowThreeIsRaisedToThreeWithAWarningAsZooKeeperDoes() {
        assertEquals(3, parse("autopurge.snapRetainCount=1\n").autopurge().snapRetainCount());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("autopurge.snapRetainCount=1"));
    }

    @Test
    void invalidValuesAreRefusedNamingTheKeyAndTheReason() {
        refused("tickTime=two\n", "tickTime=two", "not a number");
        refused("tickTime=0\n", "tickTime=0", "greater than 0");
        refused("clientPort=70000\n", "clientPort", "not a port");
        refused("initLimit=-1\n", "initLimit=-1");
        refused("syncLimit=1\n", "syncLimit=1", "at least 2");
        refused("initLimit=3\nsyncLimit=4\n", "initLimit=3", "syncLimit");
        refused("autopurge.purgeInterval=-1\n", "autopurge.purgeInterval=-1");
        refused("autopurge.snapRetainCount=x\n", "autopurge.snapRetainCount=x", "not a number");
        refused("protocol=raft\n", "protocol", "raft");
        refused("peerType=leader\n", "peerType=leader");
        refused("peerType=observer\n", "peerType=observer", "server.N");
        refused("myid=1\nserver.one=h:1\n", "server.one", "number");
        refused("myid=1\nserver.1=h\n", "server.1=h", "host:peerPort");
        refused("myid=1\nserver.1=h:1:2:voter\n", "server.1", "participant or observer");
        refused("myid=1\nserver.1=h:99999\n", "server.1", "not a port");
        refused("myid=2\nserver.1=h:1\n", "myid 2", "server.2");
        refused("myid=1\nserver.1=h:1\nserver.2=h:2:3:observer\npeerType=observer\n", "peerType=observer", "server.1");
        refused("myid=1\nserver.1=h:1\nweight.9=1\n", "weight.9", "no server.9");
        refused("myid=1\nserver.1=h:1\nweight.1=-2\n", "weight.1=-2");
        refused("myid=1\nserver.1=h:1\nserver.2=h:2:3:observer\ngroup.1=1:2\n", "group.1", "observer");
        refused("myid=1\nserver.1=h:1\nserver.2=h:2\ngroup.1=1\n", "group.*", "server 2 is in no group");
        refused("myid=1\nserver.1=h:1\nserver.2=h:2\ngroup.1=1:2\ngroup.2=2\n", "server 2", "more than one group");
        refused("myid=1\nserver.1=h:1:2:observer\npeerType=observer\n", "observer", "voter");
        refused("myid=1\nclientPort=2181\nserver.1=h:1:2;2182\n", "clientPort=2181", "2182");
        refused("jute.maxbuffer=0\n", "jute.maxbuffer=0");
        refused("minSessionTimeout=5000\nmaxSessionTimeout=4000\n", "minSessionTimeout", "maxSessionTimeout");
    }

    @Test
    void syncLimitSetsEachProtocolsTiming() {
        ServerConfig c = parse("syncLimit=7\ninitLimit=20\n");
        assertEquals(14, ((MultiPaxos) CoordinationMain.protocol(c, Optional.empty())).electionTicks());
        ServerConfig z = parse("syncLimit=7\ninitLimit=20\nprotocol=zab\n");
        Zab zab = (Zab) CoordinationMain.protocol(z, Optional.empty());
        assertEquals(7, zab.syncLimit());
        assertEquals(20, zab.initLimit());
    }
}
