package dev.switchboard.dialect.translation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.dialect.Dialect;
import dev.switchboard.dialect.JsonBody;

/**
 * The caller's request as translations see it: the body as located bytes (enough for pass-through) and, only when a
 * translation needs it, as a Jackson tree parsed once and then shared by every attempt. Nothing may change the tree.
 */
public final class CallerRequest {

    private final Dialect dialect;
    private final JsonBody body;
    private final boolean stream;
    private final boolean wantsUsage;
    private ObjectNode tree;

    /**
     * @param stream     whether the caller asked for a streamed answer
     * @param wantsUsage whether a streaming Chat Completions caller asked for the usage chunk itself
     */
    public CallerRequest(Dialect dialect, JsonBody body, boolean stream, boolean wantsUsage) {
        this.dialect = dialect;
        this.body = body;
        this.stream = stream;
        this.wantsUsage = wantsUsage;
    }

    /** A request that exists only as a tree: the middle step of a translation made of two. */
    CallerRequest(Dialect dialect, ObjectNode tree, boolean stream, boolean wantsUsage) {
        this(dialect, (JsonBody) null, stream, wantsUsage);
        this.tree = tree;
    }

    public Dialect dialect() {
        return dialect;
    }

    public JsonBody body() {
        return body;
    }

    public boolean stream() {
        return stream;
    }

    public boolean wantsUsage() {
        return wantsUsage;
    }

    /** The whole body as a tree, parsed on first use. */
    ObjectNode tree() {
        if (tree == null) {
            tree = Trees.parseObject(body.bytes());
        }
        return tree;
    }
}
