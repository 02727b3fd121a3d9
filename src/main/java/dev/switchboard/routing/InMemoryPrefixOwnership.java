package dev.switchboard.routing;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Prefix ownership within this process: a direct-mapped table of {@value #SLOTS} entries, the newest winning its
 * slot, so memory stays bounded whatever the number of conversations. {@link SharedPrefixOwnership} keeps one as its
 * near cache.
 */
public class InMemoryPrefixOwnership implements PrefixOwnership {

    static final int SLOTS = 1 << 14;

    private record Entry(String group, String prefixKey, String targetId) { }

    private final AtomicReferenceArray<Entry> entries = new AtomicReferenceArray<>(SLOTS);

    @Override
    public Optional<String> owner(String group, String prefixKey) {
        Entry entry = entries.getOpaque(slot(group, prefixKey));
        return entry != null && entry.prefixKey.equals(prefixKey) && entry.group.equals(group)
                ? Optional.of(entry.targetId) : Optional.empty();
    }

    @Override
    public void record(String group, String prefixKey, String targetId) {
        int slot = slot(group, prefixKey);
        Entry entry = entries.getOpaque(slot);
        if (entry == null || !entry.targetId.equals(targetId) || !entry.prefixKey.equals(prefixKey)
                || !entry.group.equals(group)) {
            entries.setOpaque(slot, new Entry(group, prefixKey, targetId));
        }
    }

    private static int slot(String group, String prefixKey) {
        return (prefixKey.hashCode() * 31 + group.hashCode()) & (SLOTS - 1);
    }
}
