package dev.ticketing.reservation;

/**
 * The sweep marked {@code count} run-out holds expired. Each expired hold is counted
 * once, however many instances sweep.
 */
public record HoldsExpired(int count) {
}
