package dev.ticketing.identity;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.ticketing.common.Caller;
import dev.ticketing.common.UserId;

/**
 * The accounts embedded mode signs in: two fans, an organiser and a gate keeper, with
 * user ids that stay the same across restarts, so the demo data can give them wallets.
 */
public final class DemoAccounts {

	/** A fan the demo data gives plenty of points. */
	public static final Account ALICE = account("alice");

	/** A fan with an empty wallet. */
	public static final Account BOB = account("bob");

	/** Runs the demo sales. */
	public static final Account OLIVIA = account("olivia", Caller.ORGANISER);

	/** Checks tickets in at the door. */
	public static final Account GARY = account("gary", Caller.GATE);

	private static final List<Account> ALL = List.of(ALICE, BOB, OLIVIA, GARY);

	private DemoAccounts() {
	}

	public static List<Account> all() {
		return ALL;
	}

	static Optional<Account> named(String username) {
		return ALL.stream().filter((account) -> account.username().equals(username)).findFirst();
	}

	private static Account account(String username, String... roles) {
		UUID id = UUID.nameUUIDFromBytes(("demo-account:" + username).getBytes(StandardCharsets.UTF_8));
		return new Account(username, new UserId(id), Set.of(roles));
	}

	/**
	 * @param username what the account signs in with
	 * @param userId the {@code sub} of its access tokens
	 * @param roles the {@code roles} of its access tokens
	 */
	public record Account(String username, UserId userId, Set<String> roles) {

		/**
		 * The {@code email} of its tokens, where its mails go (the embedded mode's
		 * mailbox shows them): a reserved domain, so no mail leaves for a real person.
		 */
		public String email() {
			return this.username + "@example.com";
		}

	}

}
