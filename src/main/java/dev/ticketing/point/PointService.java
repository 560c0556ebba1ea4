package dev.ticketing.point;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.ticketing.common.KnownUsers;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserEnrolment;
import dev.ticketing.common.UserId;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users' point balances. Every change is a conditional update plus a ledger row in one
 * transaction, so a balance always equals the sum of its ledger.
 */
@Service
public class PointService implements KnownUsers, UserEnrolment {

	private final WalletRepository wallets;

	private final Clock clock;

	private final long maxCharge;

	private final long maxBalance;

	/**
	 * Users are never removed, so a user once found stays known (every token issue asks).
	 */
	private final Cache<UserId, Boolean> known = Caffeine.newBuilder().maximumSize(1_000_000).build();

	PointService(WalletRepository wallets, Clock clock, PointProperties properties) {
		this.wallets = wallets;
		this.clock = clock;
		this.maxCharge = properties.maxCharge();
		this.maxBalance = properties.maxBalance();
	}

	@Override
	public boolean exists(UserId user) {
		if (this.known.getIfPresent(user) != null) {
			return true;
		}
		boolean exists = this.wallets.balance(user).isPresent();
		if (exists) {
			this.known.put(user, Boolean.TRUE);
		}
		return exists;
	}

	@Override
	public void enrol(UserId user) {
		if (this.known.getIfPresent(user) == null) {
			this.wallets.openEmptyIfAbsent(user, this.clock.instant());
			this.known.put(user, Boolean.TRUE);
		}
	}

	/**
	 * @throws dev.ticketing.common.ProblemException 404 {@code USER_NOT_FOUND}
	 */
	public Points balance(UserId user) {
		return this.wallets.balance(user).orElseThrow(() -> WalletProblems.unknownUser(user));
	}

	/**
	 * Adds {@code amount} (1 to {@code concert.points.max-charge}) to the user's balance.
	 * @return the balance after the charge
	 */
	@Transactional
	public Points charge(UserId user, long amount) {
		if (amount <= 0 || amount > this.maxCharge) {
			throw WalletProblems.invalidCharge(this.maxCharge);
		}
		Points points = Points.of(amount);
		Optional<Points> added = this.wallets.add(user, points, this.maxBalance);
		if (added.isEmpty()) {
			balance(user);
			throw WalletProblems.limitExceeded(user, this.maxBalance);
		}
		Points after = added.get();
		this.wallets.record(user, "CHARGE", points, after, null, this.clock.instant());
		return after;
	}

	/**
	 * Takes {@code amount} for {@code reference} (a reservation) inside the caller's
	 * transaction.
	 * @throws InsufficientBalance if the balance does not cover it; nothing changes
	 */
	@Transactional
	public Points use(UserId user, Points amount, UUID reference) {
		if (amount.isZero()) {
			return balance(user);
		}
		Optional<Points> taken = this.wallets.take(user, amount);
		if (taken.isEmpty()) {
			balance(user);
			throw InsufficientBalance.forPaying(user, amount);
		}
		Points after = taken.get();
		this.wallets.record(user, "USE", amount, after, reference, this.clock.instant());
		return after;
	}

	/**
	 * Gives back {@code amount} paid for {@code reference} (a refunded reservation)
	 * inside the caller's transaction, with a {@code REFUND} ledger row.
	 * @return the balance after
	 */
	@Transactional
	public Points refund(UserId user, Points amount, UUID reference) {
		if (amount.isZero()) {
			return balance(user);
		}
		Points after = this.wallets.giveBack(user, amount).orElseThrow(() -> WalletProblems.unknownUser(user));
		this.wallets.record(user, "REFUND", amount, after, reference, this.clock.instant());
		return after;
	}

	/**
	 * Opens wallets for new users with {@code initial} points each.
	 */
	@Transactional
	public void openWallets(List<UserId> users, Points initial) {
		this.wallets.open(users, initial, this.clock.instant());
	}

	/**
	 * Opens a wallet for one new user.
	 */
	public UserId register(Points initial) {
		UserId user = new UserId(UUID.randomUUID());
		openWallets(List.of(user), initial);
		return user;
	}

}
