package dev.ticketing.common;

/**
 * Tells whether a user exists; lets the queue refuse tokens for unknown users without
 * depending on the module that owns users.
 */
public interface KnownUsers {

	boolean exists(UserId user);

}
