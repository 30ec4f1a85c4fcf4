package io.synod.examples.coordination.tree;

import java.util.List;

/** getChildren(2)'s answer: the children's names, sorted, and the parent's stat. */
public record ChildList(List<String> children, Stat stat) implements ReadResult {
    public ChildList {
        children = List.copyOf(children);
    }
}
