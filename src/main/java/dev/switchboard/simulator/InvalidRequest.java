package dev.switchboard.simulator;

/** A request the simulator refuses, with the status and the field to blame; answered in the caller's dialect. */
final class InvalidRequest extends RuntimeException {

    private final int status;
    private final String param;

    InvalidRequest(int status, String message, String param) {
        super(message, null, false, false);
        this.status = status;
        this.param = param;
    }

    int status() {
        return status;
    }

    String param() {
        return param;
    }
}
