package dev.ticketing.common;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import dev.ticketing.payment.PaymentCompleted;
import dev.ticketing.reservation.Reservation;
import dev.ticketing.reservation.SeatHeld;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.BoxOffice.OnSale;
import dev.ticketing.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With every other connection of the pool busy, listeners that run after a hold and after
 * a payment commit each wait for a query on another thread, as the browse cache's
 * eviction waits for a cache load that queries the database. The query gets the hold's or
 * the payment's connection: the committed transaction gave it back before its listeners
 * ran. Were it still checked out, the query would wait for a connection until the pool's
 * timeout; with the pool full of such listeners, every request would.
 */
@IntegrationTest
@TestPropertySource(properties = { "spring.datasource.hikari.maximum-pool-size=2",
		"spring.datasource.hikari.connection-timeout=1000" })
class ReleasedConnectionListenersIntegrationTests {

	@Autowired
	BoxOffice boxOffice;

	@Autowired
	WaitingListeners listeners;

	@Autowired
	DataSource dataSource;

	@Test
	void listenersAfterAHoldAndAPaymentWaitForAnotherConnectionWithoutHoldingTheirOwn() throws SQLException {
		OnSale sale = this.boxOffice.concertOnSale("Busy pool", 2, Points.of(100));
		Admission fan = this.boxOffice.admittedFan(sale, Points.of(1_000));

		// The pool's other connection, busy with another request throughout.
		try (Connection busy = this.dataSource.getConnection()) {
			Reservation hold = this.boxOffice.hold(sale.seat(0), fan);
			this.boxOffice.pay(hold, fan);
		}

		assertThat(this.listeners.outcomes).containsExactly("after the hold: 1", "after the payment: 1");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class WaitingListenersConfiguration {

		@Bean
		WaitingListeners waitingListeners(JdbcTemplate jdbc) {
			return new WaitingListeners(jdbc);
		}

	}

	static class WaitingListeners {

		final List<String> outcomes = new CopyOnWriteArrayList<>();

		private final JdbcTemplate jdbc;

		WaitingListeners(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@AfterCommit
		void on(SeatHeld held) {
			this.outcomes.add("after the hold: " + queryOnAnotherThread());
		}

		@AfterCommit
		void on(PaymentCompleted paid) {
			this.outcomes.add("after the payment: " + queryOnAnotherThread());
		}

		/** The query's answer, or the failure that kept it from one. */
		private String queryOnAnotherThread() {
			try (ExecutorService other = Executors.newVirtualThreadPerTaskExecutor()) {
				return String.valueOf(other.submit(() -> this.jdbc.queryForObject("SELECT 1", Integer.class)).get());
			}
			catch (ExecutionException ex) {
				return ex.getCause().toString();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return ex.toString();
			}
		}

	}

}
