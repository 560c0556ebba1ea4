package dev.ticketing.common;

/**
 * Makes signed-in users known without a sign-up call; lets the sign-in welcome users
 * without depending on the module that owns them.
 */
public interface UserEnrolment {

	/**
	 * A user the service has not seen before gets an empty wallet; a known user is left
	 * as they are.
	 */
	void enrol(UserId user);

}
