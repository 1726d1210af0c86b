package io.vprop.signal;

/**
 * What the engine answers to every input. Exactly one of:
 * <ul>
 *   <li>{@link TradeCandidate} – a graded, sized, filtered trade for the kernel to turn into a protocol signal;</li>
 *   <li>{@link Skip} – an alpha fired but the setup was deliberately not traded; carries every reason;</li>
 *   <li>{@link Idle} – nothing to evaluate (warming up, no alpha fired, cooling down, paused); a shared constant
 *       so the hot path does not allocate;</li>
 *   <li>{@link InputRejected} – the input was bad and was not used; a shared constant per reason.</li>
 * </ul>
 * Only {@code TradeCandidate} and {@code Skip} are worth journaling per decision; the others are counted.
 */
public sealed interface Decision permits TradeCandidate, Skip, Idle, InputRejected {
}
