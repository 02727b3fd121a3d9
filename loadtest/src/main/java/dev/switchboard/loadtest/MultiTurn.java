package dev.switchboard.loadtest;

import com.fasterxml.jackson.core.JsonFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Conversations that grow turn by turn, spread over tenants that each share one long system prompt: the traffic a
 * prefix-aware router is built for. A conversation's next turn is its whole history (system prompt, every user
 * message and every streamed reply) plus a new user message. After its last turn it starts over as a new
 * conversation of the same tenant. Idle conversations wait in a queue, so with more conversations than streams in
 * flight their turns interleave, as real users' do.
 */
final class MultiTurn implements Workload {

    private final Options options;
    private final JsonFactory json = new JsonFactory();
    private final List<String> systemPrompts = new ArrayList<>();
    private final ArrayDeque<Conversation> idle = new ArrayDeque<>();
    private long nextConversationId;

    MultiTurn(Options options) {
        this.options = options;
        for (int t = 0; t < options.tenants(); t++) {
            // The tenant's name leads its prompt, so two tenants share no cache block.
            String name = tenantName(t);
            systemPrompts.add(("You are the assistant of " + name + ". " + Text.of(options.systemPromptTokens(),
                    options.seed() * 7919 + t)).substring(0, options.systemPromptTokens() * Text.CHARS_PER_TOKEN));
        }
        for (int c = 0; c < options.conversations(); c++) {
            idle.addLast(fresh(c % options.tenants()));
        }
    }

    @Override
    public Turn next() {
        Conversation conversation = idle.pollFirst();
        if (conversation == null) {
            // more streams than conversations (open loop bursts): start one more rather than wait
            conversation = fresh((int) (nextConversationId % options.tenants()));
        }
        return new Turn(Workload.body(json, options.model(), options.maxTokens(), conversation.messages),
                tenantName(conversation.tenant), conversation);
    }

    @Override
    public void finished(Turn turn, boolean ok, String reply) {
        Conversation conversation = (Conversation) turn.conversation();
        if (ok) {
            conversation.turnsDone++;
            if (conversation.turnsDone >= options.turns()) {
                conversation = fresh(conversation.tenant);
            } else {
                conversation.messages.add(new Message("assistant", reply));
                conversation.messages.add(new Message("user", userMessage(conversation)));
            }
        }
        // a failed turn is sent again as it was
        idle.addLast(conversation);
    }

    @Override
    public boolean keepsReplies() {
        return true;
    }

    private Conversation fresh(int tenant) {
        Conversation conversation = new Conversation(nextConversationId++, tenant);
        if (options.systemPromptTokens() > 0) {
            conversation.messages.add(new Message("system", systemPrompts.get(tenant)));
        }
        conversation.messages.add(new Message("user", userMessage(conversation)));
        return conversation;
    }

    private String userMessage(Conversation conversation) {
        long seed = options.seed() * 1_000_003L + conversation.id * 1_009L + conversation.turnsDone;
        return "Question " + (conversation.turnsDone + 1) + " of conversation " + conversation.id + ": "
                + Text.of(options.promptTokens(), seed);
    }

    private static String tenantName(int tenant) {
        return "tenant-" + (tenant + 1);
    }

    private static final class Conversation {
        final long id;
        final int tenant;
        final List<Message> messages = new ArrayList<>();
        int turnsDone;

        Conversation(long id, int tenant) {
            this.id = id;
            this.tenant = tenant;
        }
    }
}
