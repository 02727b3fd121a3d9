package dev.switchboard.simulator;

/** Token counts of one answer, known once the request is admitted. */
record Usage(int promptTokens, int cachedTokens, int completionTokens) {

    int totalTokens() {
        return promptTokens + completionTokens;
    }
}
