package io.vprop.governors.profile;

/**
 * What touching a loss limit means, as the firm states it for that limit (each limit's {@code outcome} in the
 * profile). FTMO's daily and maximum loss both fail the account ({@link #BREACH}); Topstep's daily loss limit is a
 * soft breach that flattens and locks the account until 5 PM CT ({@link #PAUSE_UNTIL_RESET}) while its maximum loss
 * limit ends it.
 */
public enum LimitOutcome {
    /** The account is failed: flatten and halt for good. */
    BREACH,
    /** Flatten and stop until the next daily reset, then trade again. */
    PAUSE_UNTIL_RESET
}
