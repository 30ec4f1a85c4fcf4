package io.synod.examples.coordination.service;

import org.apache.zookeeper.client.HostProvider;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;

/** Servers tried in the order given (ZooKeeper's own provider shuffles them): a test decides where a client moves. */
final class OrderedHostProvider implements HostProvider {

    private final List<InetSocketAddress> servers;
    private int next;

    OrderedHostProvider(List<InetSocketAddress> servers) {
        this.servers = List.copyOf(servers);
    }

    @Override
    public int size() {
        return servers.size();
    }

    @Override
    public synchronized InetSocketAddress next(long spinDelay) {
        InetSocketAddress a = servers.get(next);
        next = (next + 1) % servers.size();
        if (next == 0 && spinDelay > 0) {
            try {
                Thread.sleep(spinDelay);   // as ZooKeeper's own provider: a pause after each round of servers
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return a;
    }

    @Override
    public void onConnected() {
    }

    @Override
    public boolean updateServerList(Collection<InetSocketAddress> serverAddresses, InetSocketAddress currentHost) {
        return false;
    }
}
