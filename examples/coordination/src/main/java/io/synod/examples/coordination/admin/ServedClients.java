package io.synod.examples.coordination.admin;

import java.util.List;

/** The client port as the tools see it: its open connections. */
public interface ServedClients {

    int connectionCount();

    /** The open connections, a copy taken now. */
    List<? extends ConnectionView> connections();
}
