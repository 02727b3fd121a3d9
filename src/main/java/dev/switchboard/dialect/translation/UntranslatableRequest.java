package dev.switchboard.dialect.translation;

/** The request uses something the provider's dialect cannot express; the caller gets a 400 saying what. */
public final class UntranslatableRequest extends RuntimeException {

    private final String param;

    UntranslatableRequest(String message, String param) {
        super(message, null, false, false);
        this.param = param;
    }

    /** The request field at fault, or null. */
    public String param() {
        return param;
    }
}
