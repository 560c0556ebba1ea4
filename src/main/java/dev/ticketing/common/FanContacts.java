package dev.ticketing.common;

/**
 * Where a fan's mails go: the sign-in tells it the e-mail address of each signed-in
 * caller's access token, without depending on the module that keeps it.
 */
public interface FanContacts {

	/**
	 * {@code user}'s access token names {@code email}; cheap when it is known already.
	 */
	void remember(UserId user, String email);

}
