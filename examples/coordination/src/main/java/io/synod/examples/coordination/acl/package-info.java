/**
 * Access control lists, as ZooKeeper defines them: schemes {@code world}, {@code auth},
 * {@code digest} and {@code ip}; permissions READ, WRITE, CREATE, DELETE and ADMIN.
 *
 * <p><b>Who checks what.</b> Reads (getData, getChildren, getACL, getAllChildrenNumber) need READ
 * on the node; setData needs WRITE; create needs CREATE and delete needs DELETE on the parent;
 * setACL needs ADMIN; exists and getEphemerals need nothing. A connection holding {@code super:}
 * passes every check.
 *
 * <p><b>Where the ids come from, and why that is deterministic.</b> The server that holds a
 * connection knows the ids it authenticated ({@code ip} from the socket, {@code digest} from
 * {@code addauth}, {@code super} when that digest is the configured super user's). A write carries
 * those ids inside its logged command, so that a replica applying it checks the same ids whatever
 * server it is, and the configured super digest matters only where the client authenticated.
 * Nothing about authentication is kept in the replicated state.
 *
 * <p><b>Threading.</b> Stateless static functions; safe anywhere.
 *
 * <pre>{@code
 * String id = DigestScheme.digest("alice:secret");                   // "alice:<base64 sha1>"
 * List<Id> ids = List.of(new Id("digest", id), new Id("ip", "127.0.0.1"));
 * List<Acl> acl = AccessControl.fixup(List.of(new Acl(Perms.ALL, new Id("auth", ""))), ids);
 * assert AccessControl.permits(acl, Perms.READ, ids);
 * assert !AccessControl.permits(acl, Perms.READ, List.of(new Id("ip", "127.0.0.1")));
 * }</pre>
 */
package io.synod.examples.coordination.acl;
