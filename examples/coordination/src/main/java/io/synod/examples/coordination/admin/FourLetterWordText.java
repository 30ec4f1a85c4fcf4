package io.synod.examples.coordination.admin;

import io.synod.examples.coordination.metrics.ConnectionStats;
import io.synod.examples.coordination.metrics.LatencyStats;
import io.synod.examples.coordination.metrics.ServerMetrics;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.concurrent.CompletableFuture;

/**
 * The text a four-letter word is answered with, line for line as ZooKeeper 3.9 writes it (its
 * {@code org.apache.zookeeper.server.command} classes), so that the scripts and monitors written for
 * ZooKeeper parse it: {@code Mode:} in {@code srvr}, tab-separated {@code zk_*} keys in {@code mntr}.
 */
public final class FourLetterWordText {

    /** ZooKeeper's answer when the server cannot serve (here: the replica stopped). */
    public static final String NOT_SERVING = "This ZooKeeper instance is not currently serving requests\n";

    private final ServerView view;

    public FourLetterWordText(ServerView view) {
        this.view = view;
    }

    /** ZooKeeper's answer to a word the whitelist leaves out. */
    public static String notWhitelisted(FourLetterWord word) {
        return word.word() + " is not executed because it is not in the whitelist.\n";
    }

    /** The answer to {@code word}; those that read the tree or the watches wait for the replica thread. */
    public CompletableFuture<String> answer(FourLetterWord word) {
        return switch (word) {
            case RUOK -> done("imok");
            case ISRO -> done("rw");
            case ENVI -> done(envi());
            case CONF -> done(conf());
            case CONS -> done(cons());
            case CRST -> {
                view.port().connections().forEach(ConnectionView::resetStats);
                yield done("Connection stats reset.\n");
            }
            case SRST -> {
                view.metrics().reset();
                yield done("Server stats reset.\n");
            }
            case SRVR, STAT -> view.service().counts().thenApply(f -> stat(f, word == FourLetterWord.STAT));
            case MNTR -> view.service().counts().thenApply(this::mntr);
            case WCHS -> view.service().facts().thenApply(FourLetterWordText::wchs);
            case WCHC -> view.service().facts().thenApply(FourLetterWordText::wchc);
            case WCHP -> view.service().facts().thenApply(FourLetterWordText::wchp);
            case DUMP -> view.service().facts().thenApply(this::dump);
        };
    }

    private static CompletableFuture<String> done(String text) {
        return CompletableFuture.completedFuture(text);
    }

    private String stat(ServiceFacts facts, boolean withClients) {
        StringBuilder out = new StringBuilder();
        out.append("Zookeeper version: ").append(ServerView.VERSION).append('\n');
        if (withClients) {
            out.append("Clients:\n");
            for (ConnectionView c : view.port().connections()) {
                out.append(connection(c, true)).append('\n');
            }
            out.append('\n');
        }
        ServerMetrics m = view.metrics();
        LatencyStats latency = m.latency();
        out.append("Latency min/avg/max: ").append(latency.minMillis()).append('/').append(latency.avgMillis()).append('/')
            .append(latency.maxMillis()).append('\n');
        out.append("Received: ").append(m.packetsReceived()).append('\n');
        out.append("Sent: ").append(m.packetsSent()).append('\n');
        out.append("Connections: ").append(view.port().connectionCount()).append('\n');
        out.append("Outstanding: ").append(m.outstandingRequests()).append('\n');
        out.append("Zxid: 0x").append(Long.toHexString(facts.lastZxid())).append('\n');
        out.append("Mode: ").append(view.state()).append('\n');
        out.append("Node count: ").append(facts.znodeCount()).append('\n');
        return out.toString();
    }

    /** ZooKeeper's {@code ServerCnxn.dumpConnectionInfo}: one line per connection. */
    static String connection(ConnectionView c, boolean brief) {
        ConnectionStats s = c.stats();
        StringBuilder out = new StringBuilder(" ");
        out.append(c.remoteAddress()).append('[').append(c.interestOps() == 0 ? "0" : Integer.toHexString(c.interestOps()))
            .append("](queued=").append(c.outstandingRequests()).append(",recved=").append(s.receivedCount())
            .append(",sent=").append(s.sentCount());
        if (!brief && c.sessionId() != 0) {
            out.append(",sid=0x").append(Long.toHexString(c.sessionId())).append(",lop=").append(s.lastOperation())
                .append(",est=").append(c.establishedMillis()).append(",to=").append(c.sessionTimeout());
            if (s.lastCxid() >= 0) {
                out.append(",lcxid=0x").append(Long.toHexString(s.lastCxid()));
            }
            out.append(",lzxid=0x").append(Long.toHexString(s.lastZxid())).append(",lresp=").append(s.lastResponseMillis())
                .append(",llat=").append(s.latency().lastMillis()).append(",minlat=").append(s.latency().minMillis())
                .append(",avglat=").append(s.latency().avgMillis()).append(",maxlat=").append(s.latency().maxMillis());
        }
        return out.append(')').toString();
    }

    private String cons() {
        StringBuilder out = new StringBuilder();
        for (ConnectionView c : view.port().connections()) {
            out.append(connection(c, false)).append('\n');
        }
        return out.append('\n').toString();
    }

    private String conf() {
        StringBuilder out = new StringBuilder();
        view.conf().forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
        return out.toString();
    }

    private static String envi() {
        StringBuilder out = new StringBuilder("Environment:\n");
        ServerView.environment().forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
        return out.toString();
    }

    private String mntr(ServiceFacts facts) {
        StringBuilder out = new StringBuilder();
        MonitorValues.of(view, facts).forEach((k, v) -> out.append("zk_").append(k).append('\t').append(v).append('\n'));
        return out.toString();
    }

    private static String wchs(ServiceFacts facts) {
        return facts.watchesBySession().size() + " connections watching " + facts.watchesByPath().size() + " paths\n"
            + "Total watches:" + facts.watchCount() + "\n";
    }

    private static String wchc(ServiceFacts facts) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<Long, SortedSet<String>> e : facts.watchesBySession().entrySet()) {
            out.append("0x").append(Long.toHexString(e.getKey())).append('\n');
            e.getValue().forEach(path -> out.append('\t').append(path).append('\n'));
        }
        return out.append('\n').toString();
    }

    private static String wchp(ServiceFacts facts) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, SortedSet<Long>> e : facts.watchesByPath().entrySet()) {
            out.append(e.getKey()).append('\n');
            e.getValue().forEach(id -> out.append("\t0x").append(Long.toHexString(id)).append('\n'));
        }
        return out.append('\n').toString();
    }

    private String dump(ServiceFacts facts) {
        StringBuilder out = new StringBuilder("SessionTracker dump:\n");
        out.append("Global Sessions(").append(facts.sessionTimeouts().size()).append("):\n");
        facts.sessionTimeouts().forEach((id, timeout) -> out.append("0x").append(Long.toHexString(id)).append('\t')
            .append(timeout).append("ms\n"));
        out.append("ephemeral nodes dump:\n");
        out.append("Sessions with Ephemerals (").append(facts.ephemeralsBySession().size()).append("):\n");
        for (Map.Entry<Long, List<String>> e : facts.ephemeralsBySession().entrySet()) {
            out.append("0x").append(Long.toHexString(e.getKey())).append(":\n");
            e.getValue().forEach(path -> out.append('\t').append(path).append('\n'));
        }
        out.append("Connections dump:\n");
        for (ConnectionView c : view.port().connections()) {
            out.append(connection(c, false)).append('\n');
        }
        return out.toString();
    }
}
