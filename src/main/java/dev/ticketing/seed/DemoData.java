package dev.ticketing.seed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.concert.ConcertService;
import dev.ticketing.concert.SaleService;
import dev.ticketing.concert.SeatMap;
import dev.ticketing.identity.DemoAccounts;
import dev.ticketing.point.PointService;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * A small catalogue and wallets for the demo accounts of embedded sign-in, so the
 * embedded mode can be tried at once. Created only into an empty catalogue.
 */
@Component
@ConditionalOnProperty(name = "concert.demo-data", havingValue = "true")
class DemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	private final ConcertService concerts;

	private final SaleService sales;

	private final PointService points;

	private final Clock clock;

	DemoData(ConcertService concerts, SaleService sales, PointService points, Clock clock) {
		this.concerts = concerts;
		this.sales = sales;
		this.points = points;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!this.sales.concerts().isEmpty()) {
			return;
		}
		Instant day = this.clock.instant()
			.plus(Duration.ofDays(14))
			.truncatedTo(ChronoUnit.DAYS)
			.plus(Duration.ofHours(19));
		// A small hall laid out as an organiser would: dearer seats up front.
		SeatMap hall = new SeatMap(List.of(
				new SeatMap.Section("Floor",
						List.of(new SeatMap.Row("1", 10, 120_000), new SeatMap.Row("2", 10, 100_000))),
				new SeatMap.Section("Balcony",
						List.of(new SeatMap.Row("A", 15, 80_000), new SeatMap.Row("B", 15, 60_000)))));
		ConcertId first = this.concerts.addConcert("Spring Symphony", "Seoul Arts Center",
				List.of(day, day.plus(Duration.ofDays(1)), day.plus(Duration.ofDays(2))), hall, null);
		ConcertId second = this.concerts.addConcert("Virtual Threads Live", "Olympic Hall",
				List.of(day.plus(Duration.ofDays(7))), SeatMap.spread(2, 5, 50, Points.of(120_000)), null);
		this.points.openWallets(List.of(DemoAccounts.ALICE.userId()), Points.of(1_000_000));
		this.points.openWallets(List.of(DemoAccounts.BOB.userId(), DemoAccounts.OLIVIA.userId()), Points.ZERO);
		log.info("Demo data: concerts {} and {}; demo account alice has 1,000,000 points, bob and olivia none", first,
				second);
	}

}
