package io.synod.examples.coordination.acl;

/** An ACL list that ZooKeeper would refuse with {@code InvalidACL}: empty, or an id no scheme accepts. */
public final class InvalidAclException extends Exception {

    public InvalidAclException(String reason) {
        super(reason, null, false, false);
    }
}
