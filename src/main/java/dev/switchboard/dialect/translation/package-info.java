/**
 * Translation between the dialects callers and providers speak. {@link dev.switchboard.dialect.translation.Translation}
 * is chosen per (caller dialect, provider dialect) pair: pass-through when they are the same (only {@code model}
 * rewritten, the stream relayed as it is, usage read on the way), else one class per pair made of a request, an
 * answer and a stream translator, each a table from one wire format to the other over Jackson trees.
 */
package dev.switchboard.dialect.translation;
