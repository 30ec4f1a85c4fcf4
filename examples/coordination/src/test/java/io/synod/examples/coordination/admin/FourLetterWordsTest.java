package io.synod.examples.coordination.admin;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.client.FourLetterWordMain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The four-letter words on the client port, asked with ZooKeeper's own {@code FourLetterWordMain} (what
 * {@code zkServer.sh status} and monitoring scripts use): one server, every word but {@code dump}
 * whitelisted, a client holding an ephemeral and two watches.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class FourLetterWordsTest {

    @TempDir
    static Path dir;
    static AdminNode server;
    static ZooKeeper zk;

    @BeforeAll
    static void start() throws Exception {
        EnumSet<FourLetterWord> words = EnumSet.allOf(FourLetterWord.class);
        words.remove(FourLetterWord.DUMP);
        server = new AdminNode(dir, AdminConfig.embedded().withWhitelist(words), 0);
        zk = server.connect();
        zk.create("/app", "config".getBytes(), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.create("/app/member", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        zk.getData("/app", true, null);
        zk.getChildren("/app", true);
    }

    @AfterAll
    static void stop() throws Exception {
        if (zk != null) {
            zk.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static String ask(String word) throws Exception {
        return FourLetterWordMain.send4LetterWord(server.host(), server.port(), word, false, 30_000);
    }

    private static Map<String, String> mntr() throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : ask("mntr").split("\n")) {
            String[] kv = line.split("\t");
            assertEquals(2, kv.length, "a tab-separated key and value: '" + line + "'");
            assertTrue(kv[0].startsWith("zk_"), line);
            values.put(kv[0], kv[1]);
        }
        return values;
    }

    private static String sid() {
        return "0x" + Long.toHexString(zk.getSessionId());
    }

    @Test
    void ruokIsAnsweredImokAndIsroRw() throws Exception {
        assertEquals("imok\n", ask("ruok"));
        assertEquals("rw\n", ask("isro"));
    }

    @Test
    void mntrHasZooKeepersKeysWithTheTreesFigures() throws Exception {
        Map<String, String> m = mntr();
        assertTrue(m.get("zk_version").startsWith("3.9.5"), m.toString());
        assertEquals("standalone", m.get("zk_server_state"));
        // The root, /zookeeper, /zookeeper/quota, /zookeeper/config, /app and /app/member.
        assertEquals("6", m.get("zk_znode_count"));
        assertEquals("2", m.get("zk_watch_count"));
        assertEquals("1", m.get("zk_ephemerals_count"));
        long dataSize = Long.parseLong(m.get("zk_approximate_data_size"));
        assertTrue(dataSize >= "/app".length() + "config".length() + "/app/member".length(), "data size " + dataSize);
        assertTrue(Integer.parseInt(m.get("zk_num_alive_connections")) >= 1);
        assertEquals("0", m.get("zk_outstanding_requests"));
        assertTrue(Long.parseLong(m.get("zk_packets_received")) > 0);
        assertTrue(Long.parseLong(m.get("zk_packets_sent")) > 0);
        for (String key : new String[] {"zk_min_latency", "zk_avg_latency", "zk_max_latency", "zk_open_file_descriptor_count",
            "zk_max_file_descriptor_count", "zk_global_sessions", "zk_uptime"}) {
            assertTrue(m.containsKey(key), key + " in " + m.keySet());
        }
        assertTrue(Long.parseLong(m.get("zk_open_file_descriptor_count")) > 0);
        assertTrue(Long.parseLong(m.get("zk_fsync_count")) > 0, "the writes were fsynced: " + m);
    }

    @Test
    void srvrAndStatSayTheModeAndCountTheNodes() throws Exception {
        String srvr = ask("srvr");
        assertTrue(srvr.startsWith("Zookeeper version: 3.9.5"), srvr);
        assertTrue(srvr.contains("\nMode: standalone\n"), srvr);
        assertTrue(srvr.contains("\nNode count: 6\n"), srvr);
        assertTrue(srvr.matches("(?s).*\nLatency min/avg/max: \\d+/[0-9.]+/\\d+\n.*"), srvr);
        assertTrue(!srvr.contains("Clients:"), srvr);
        String stat = ask("stat");
        assertTrue(stat.contains("Clients:\n /127.0.0.1:"), stat);
        assertTrue(stat.contains("\nMode: standalone\n"), stat);
    }

    @Test
    void consShowsTheClientsSession() throws Exception {
        String cons = ask("cons");
        assertTrue(cons.contains(",sid=" + sid() + ","), cons);
        // Each connection on a line, this command's own among them (no session yet), as ZooKeeper prints them.
        assertTrue(java.util.regex.Pattern.compile("(?m)^ /127\\.0\\.0\\.1:\\d+\\[\\w+\\]\\(queued=\\d+,recved=\\d+,sent=\\d+,sid="
            + sid() + ",lop=\\w+,est=\\d+,to=30000,.*,maxlat=\\d+\\)$").matcher(cons).find(), cons);
    }

    @Test
    void theWatchWordsListTheClientsTwoWatches() throws Exception {
        assertEquals("1 connections watching 1 paths\nTotal watches:2\n", ask("wchs"));
        // A data and a child watch on one path: counted twice, listed once (ZooKeeper lists its data watches only).
        assertEquals(sid() + "\n\t/app\n\n", ask("wchc"));
        assertEquals("/app\n\t" + sid() + "\n\n", ask("wchp"));
    }

    @Test
    void confAndEnviReportTheSettingsAndTheJvm() throws Exception {
        String conf = ask("conf");
        assertTrue(conf.contains("clientPort=" + server.port() + "\n"), conf);
        assertTrue(conf.contains("maxClientCnxns=0\n"), conf);
        assertTrue(conf.contains("tickTime=2000\n"), conf);
        String envi = ask("envi");
        assertTrue(envi.startsWith("Environment:\nzookeeper.version="), envi);
        assertTrue(envi.contains("\njava.version=" + System.getProperty("java.version") + "\n"), envi);
    }

    @Test
    void aWordLeftOutOfTheWhitelistGetsZooKeepersRefusal() throws Exception {
        assertEquals("dump is not executed because it is not in the whitelist.\n", ask("dump"));
    }

    @Test
    void theResetWordsResetAndTheClientIsUnaffected() throws Exception {
        assertEquals("Server stats reset.\n", ask("srst"));
        assertEquals("Connection stats reset.\n", ask("crst"));
        long received = Long.parseLong(mntr().get("zk_packets_received"));
        assertTrue(received < 10, "packets counted again from the reset: " + received);
        assertEquals("config", new String(zk.getData("/app", false, null)));
        assertEquals(ZooKeeper.States.CONNECTED, zk.getState());
    }

    @Test
    void theWhitelistKeyFollowsZooKeeper() {
        assertEquals(EnumSet.of(FourLetterWord.SRVR), AdminConfig.defaults().whitelist(), "srvr alone by default");
        Properties p = new Properties();
        p.setProperty(AdminConfig.WHITELIST_KEY, "ruok, mntr, dirs");
        assertEquals(EnumSet.of(FourLetterWord.RUOK, FourLetterWord.MNTR, FourLetterWord.SRVR), AdminConfig.from(p).whitelist(),
            "srvr always; dirs (a ZooKeeper word this server lacks) ignored");
        p.setProperty(AdminConfig.WHITELIST_KEY, "*");
        assertEquals(EnumSet.allOf(FourLetterWord.class), AdminConfig.from(p).whitelist());
        p.setProperty(AdminConfig.PORT_KEY, "80x");
        IllegalArgumentException bad = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> AdminConfig.from(p));
        assertTrue(bad.getMessage().contains("admin.serverPort"), bad.getMessage());
    }
}
