package dev.ticketing.concert;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.support.Race;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

class SeatInventoryTests {

	final ConcertId concert = new ConcertId(UUID.randomUUID());

	final ConcertDateId date = new ConcertDateId(7);

	final List<Seat> seats = IntStream.rangeClosed(1, 3)
		.mapToObj((i) -> new Seat(new SeatId(i), this.concert, this.date, i, Points.of(1_000)))
		.toList();

	final SeatRepository repository = mock(SeatRepository.class);

	final SeatInventory inventory = new SeatInventory(this.repository, (event) -> {
	});

	@Test
	void theFirstLookupOfADateLoadsEverySeatOfItInOneQuery() {
		given(this.repository.findAll(this.date)).willReturn(this.seats);

		assertThat(this.inventory.seat(this.concert, this.date, new SeatId(1))).isEqualTo(this.seats.get(0));
		assertThat(this.inventory.seat(this.concert, this.date, new SeatId(3))).isEqualTo(this.seats.get(2));

		verify(this.repository, times(1)).findAll(this.date);
		verify(this.repository, never()).find(any());
	}

	@Test
	void manyFirstLookupsOfADateAtOnceCostOneQuery() {
		given(this.repository.findAll(this.date)).willReturn(this.seats);

		List<Seat> found = Race.run(50, (i) -> this.inventory.seat(this.concert, this.date, new SeatId(1 + i % 3)))
			.stream()
			.map(Race.Outcome::value)
			.toList();

		assertThat(found).hasSize(50).allMatch(this.seats::contains);
		verify(this.repository, times(1)).findAll(this.date);
		verify(this.repository, never()).find(any());
	}

	@Test
	void aSeatOfAnotherDateIsNotFoundAtThisOne() {
		given(this.repository.findAll(this.date)).willReturn(this.seats);
		Seat elsewhere = new Seat(new SeatId(99), this.concert, new ConcertDateId(8), 1, Points.of(1_000));
		given(this.repository.find(new SeatId(99))).willReturn(Optional.of(elsewhere));

		assertThatThrownBy(() -> this.inventory.seat(this.concert, this.date, new SeatId(99)))
			.isInstanceOf(CatalogNotFound.class);
		assertThat(this.inventory.seat(this.concert, new ConcertDateId(8), new SeatId(99))).isEqualTo(elsewhere);
	}

	@Test
	void aDateWarmedWhenItsHallIsReadNeedsNoQueryForItsFirstHold() {
		given(this.repository.findAll(this.date)).willReturn(this.seats);

		this.inventory.warm(this.date);
		await().until(() -> this.inventory.hasLoaded(this.date));

		assertThat(this.inventory.seat(this.concert, this.date, new SeatId(2))).isEqualTo(this.seats.get(1));
		this.inventory.warm(this.date);
		verify(this.repository, times(1)).findAll(this.date);
		verify(this.repository, never()).find(any());
	}

	@Test
	void aHoldWhileItsDateIsStillLoadingLooksItsSeatUpAloneInsteadOfWaiting() throws Exception {
		CountDownLatch loading = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);
		given(this.repository.findAll(this.date)).willAnswer((invocation) -> {
			loading.countDown();
			finish.await(10, TimeUnit.SECONDS);
			return this.seats;
		});
		given(this.repository.find(new SeatId(3))).willReturn(Optional.of(this.seats.get(2)));

		this.inventory.warm(this.date);
		assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();

		assertThat(this.inventory.seat(this.concert, this.date, new SeatId(3))).isEqualTo(this.seats.get(2));
		verify(this.repository, times(1)).find(new SeatId(3));
		finish.countDown();
		await().until(() -> this.inventory.hasLoaded(this.date));
		assertThat(this.inventory.seat(this.concert, this.date, new SeatId(1))).isEqualTo(this.seats.get(0));
		verify(this.repository, times(1)).findAll(this.date);
		verify(this.repository, never()).find(new SeatId(1));
	}

}
