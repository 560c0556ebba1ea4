package dev.ticketing.queue;

/**
 * Where a token stands: still in line, admitted, or no longer either.
 */
public enum QueueState {

	WAITING, ACTIVE, EXPIRED

}
