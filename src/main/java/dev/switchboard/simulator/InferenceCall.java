package dev.switchboard.simulator;

/**
 * A valid inference request as a dialect understood it: everything the {@link Engine} needs to schedule and answer it.
 *
 * @param stream whether the answer is streamed as SSE
 * @param prompt the canonical prompt text (see {@link PromptText})
 * @param reply  what the simulated model answers
 * @param writer how the answer is written in the request's dialect
 * @param errors the dialect's error shape, for injected status faults
 */
record InferenceCall(boolean stream, String prompt, Reply reply, ReplyWriter writer, ErrorShape errors) {
}
