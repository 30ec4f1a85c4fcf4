package io.synod.examples.coordination.tree;

import io.synod.examples.coordination.acl.Acl;
import java.util.List;
import java.util.Objects;

/**
 * A write to the tree, as ZooKeeper's {@code Op}: what a client asked for, before any check. Every
 * check (path, version, ACL, existence) is made when the command is applied, from the state of the
 * tree at that point of the log, so that every replica gives the same answer.
 */
public sealed interface Op {

    /** No TTL: the value of {@link Create#ttl()} for every mode but the TTL ones. */
    long NO_TTL = -1;

    /** Matches any version in delete, setData, setACL and check. */
    int ANY_VERSION = -1;

    /**
     * Create a znode. {@code path} is the full path; a sequential mode appends the parent's child
     * version as ten digits. {@code acl} may hold {@code auth:} entries, expanded at apply time.
     */
    record Create(String path, byte[] data, List<Acl> acl, CreateMode mode, long ttl) implements Op {
        public Create {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(mode, "mode");
            acl = List.copyOf(acl);
        }
    }

    record Delete(String path, int version) implements Op {
        public Delete {
            Objects.requireNonNull(path, "path");
        }
    }

    record SetData(String path, byte[] data, int version) implements Op {
        public SetData {
            Objects.requireNonNull(path, "path");
        }
    }

    /** Set a node's ACL; {@code version} is checked against its aversion. */
    record SetAcl(String path, List<Acl> acl, int version) implements Op {
        public SetAcl {
            Objects.requireNonNull(path, "path");
            acl = List.copyOf(acl);
        }
    }

    /** Succeed only if the node exists with this version (in multi). */
    record Check(String path, int version) implements Op {
        public Check {
            Objects.requireNonNull(path, "path");
        }
    }

    /** All or nothing: create, delete, setData and check ops, seeing each other's effects in order. */
    record Multi(List<Op> ops) implements Op {
        public Multi {
            ops = List.copyOf(ops);
            for (Op op : ops) {
                if (!(op instanceof Create || op instanceof Delete || op instanceof SetData || op instanceof Check)) {
                    throw new IllegalArgumentException("multi takes create, delete, setData and check, not " + op);
                }
            }
        }
    }

    /** End the issuing session: its ephemerals are deleted at this point of the log. */
    record CloseSession() implements Op {
    }

    /**
     * Remove a container with no children left, or a TTL node whose time has run out: what the
     * leader proposes after {@link DataTree#dueForRemoval} named the path. Checked again when
     * applied, so a node that changed in between stays.
     */
    record RemoveExpired(String path) implements Op {
        public RemoveExpired {
            Objects.requireNonNull(path, "path");
        }
    }
}
