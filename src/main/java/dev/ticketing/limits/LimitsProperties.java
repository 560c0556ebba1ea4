package dev.ticketing.limits;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the rate limits ({@code concert.limits.*}); application.yml names each with
 * its default and why. Every limit is a {@link Rate}, {@code off} to drop it.
 *
 * @param enabled false drops every rate limit
 * @param exemptLoopback requests from this machine itself (a 127.0.0.0/8 or ::1
 * connection forwarding no client address) are not limited per address: they are this
 * host's own probes, sidecars and load tests. A forwarded address is never exempt, since
 * the header's sender chooses it
 * @param localShare the share of a limit each instance hands out alone, without Redis,
 * and the share of the rest it may hand out before it tells Redis what it handed out (at
 * least one request)
 * @param syncInterval the longest an instance goes on deciding a limit from what Redis
 * last told it
 * @param redisTimeout the longest a request waits for Redis about a limit; then it goes
 * on unlimited
 * @param maxKeys most users (or addresses) per limit whose bucket this instance keeps
 * @param issue queue token issue, per signed-in user and per address
 * @param status status polls and stream openings, per queue token and per address
 * @param hold seat holds, per queue token and per address
 * @param charge point charges, per signed-in user and per address
 * @param browse a concert's dates, a date's seats and seat map (every GET under
 * {@code /api/v1/concerts/{concertId}/dates}), per queue token and per address
 * @param signIn attempts to sign in to the embedded authorisation server (its login form
 * and its token endpoint), per account and address, per account and per address
 */
@ConfigurationProperties("concert.limits")
record LimitsProperties(@DefaultValue("true") boolean enabled, @DefaultValue("true") boolean exemptLoopback,
		@DefaultValue("0.25") double localShare, @DefaultValue("10s") Duration syncInterval,
		@DefaultValue("250ms") Duration redisTimeout, @DefaultValue("50000") int maxKeys, PerCaller issue,
		PerCaller status, PerCaller hold, PerCaller charge, PerCaller browse, SignIn signIn) {

	LimitsProperties {
		// The defaults are generous: the seed scenarios and the benchmark (thousands of
		// requests a second, each user at up to 15 a second) never meet them; a script in
		// a tight loop does. A waiting user polls about once a second, a flash-sale user
		// retries a hold a few times a second. An address may be a large NAT of many
		// fans.
		issue = PerCaller.orDefaults(issue, "60/2s", "400/2s");
		status = PerCaller.orDefaults(status, "60/2s", "2000/2s");
		hold = PerCaller.orDefaults(hold, "20/2s", "400/2s");
		charge = PerCaller.orDefaults(charge, "20/10s", "200/10s");
		// The web app refreshes a shown seat map twice a second; the load tests browse
		// twice per hold attempt, so they meet the hold limit first.
		browse = PerCaller.orDefaults(browse, "40/2s", "2000/2s");
		// A person mistypes a password a few times, a guesser never stops. The tight
		// limit is the guesser's own (account and address); the account's is looser, as
		// anyone
		// who names an account spends from it and could lock its owner out.
		signIn = SignIn.orDefaults(signIn, "10/1m", "60/1m", "60/1m");
		if (!(localShare > 0 && localShare <= 1)) {
			throw new IllegalArgumentException("concert.limits.local-share must be above 0 and at most 1");
		}
		if (syncInterval.isNegative() || syncInterval.isZero() || redisTimeout.isNegative() || redisTimeout.isZero()) {
			throw new IllegalArgumentException("concert.limits durations must be positive");
		}
		if (maxKeys < 1) {
			throw new IllegalArgumentException("concert.limits.max-keys must be at least 1");
		}
	}

	/**
	 * One endpoint's limits.
	 *
	 * @param perUser per user: the signed-in user (the caller, never the user a path
	 * names, so refused calls for someone else cost that someone nothing; in the
	 * {@code open} mode, which believes path user ids, the path's user), or for calls
	 * that carry a queue token, the token (one user's one entry into the line), known
	 * without verifying it
	 * @param perAddress per client address (IPv6: per /64 network)
	 */
	record PerCaller(Rate perUser, Rate perAddress) {

		static PerCaller orDefaults(PerCaller set, String perUser, String perAddress) {
			return new PerCaller((set != null && set.perUser != null) ? set.perUser : Rate.of(perUser),
					(set != null && set.perAddress != null) ? set.perAddress : Rate.of(perAddress));
		}

	}

	/**
	 * The limits of signing in. An attempt is counted whatever its outcome (counting only
	 * failures would let parallel guesses through before the first failure is known), and
	 * taken from the limits in this order, stopping at the first that refuses: so a
	 * guesser refused for their own address spends nothing of the account's budget, and
	 * the account's owner, from another address, still signs in.
	 *
	 * @param perAccountAndAddress per account named and client address: stops a guesser
	 * at one address, and no one else
	 * @param perAddress per client address (IPv6: per /64 network), whatever accounts it
	 * names
	 * @param perAccount per account named, from every address: stops a guesser spread
	 * over many addresses; looser, since it is the one an attacker can spend for the
	 * owner
	 */
	record SignIn(Rate perAccountAndAddress, Rate perAccount, Rate perAddress) {

		static SignIn orDefaults(SignIn set, String perAccountAndAddress, String perAccount, String perAddress) {
			return new SignIn(
					(set != null && set.perAccountAndAddress != null) ? set.perAccountAndAddress
							: Rate.of(perAccountAndAddress),
					(set != null && set.perAccount != null) ? set.perAccount : Rate.of(perAccount),
					(set != null && set.perAddress != null) ? set.perAddress : Rate.of(perAddress));
		}

	}

}
