package dev.ticketing.concert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.SaleStatus;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class ConcertRepository {

	private static final String CONCERT_COLUMNS = "id, title, venue, time_zone, sale_opens_at, status, queue_max_active,"
			+ " queue_admit_per_second, tickets_per_fan, join_challenge";

	private final JdbcClient jdbc;

	ConcertRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Concert> findAll() {
		return this.jdbc.sql("SELECT " + CONCERT_COLUMNS + " FROM concert ORDER BY created_at, id")
			.query(ConcertRepository::concert)
			.list();
	}

	/** Concerts in one of {@code statuses}, oldest first. */
	List<Concert> findByStatus(Set<SaleStatus> statuses) {
		return this.jdbc
			.sql("SELECT " + CONCERT_COLUMNS + " FROM concert WHERE status IN (:statuses) ORDER BY created_at, id")
			.param("statuses", statuses.stream().map(Enum::name).toList())
			.query(ConcertRepository::concert)
			.list();
	}

	/** Every date of the concerts in one of {@code statuses}, with its price range. */
	List<DateSummary> findDateSummaries(Set<SaleStatus> statuses) {
		return this.jdbc.sql("""
				SELECT d.id, d.concert_id, d.starts_at, d.total_seats, d.min_price, d.max_price
				  FROM concert_date d JOIN concert c ON c.id = d.concert_id
				 WHERE c.status IN (:statuses)
				 ORDER BY d.starts_at, d.id""")
			.param("statuses", statuses.stream().map(Enum::name).toList())
			.query((rs, n) -> new DateSummary(new ConcertDateId(rs.getLong("id")),
					new ConcertId(rs.getObject("concert_id", UUID.class)), Sql.instant(rs, "starts_at"),
					rs.getInt("total_seats"), points(rs, "min_price"), points(rs, "max_price")))
			.list();
	}

	boolean exists(ConcertId id) {
		return this.jdbc.sql("SELECT count(*) FROM concert WHERE id = ?")
			.param(id.value())
			.query(Long.class)
			.single() > 0;
	}

	boolean dateBelongsTo(ConcertDateId date, ConcertId concert) {
		return this.jdbc.sql("SELECT count(*) FROM concert_date WHERE id = ? AND concert_id = ?")
			.params(date.value(), concert.value())
			.query(Long.class)
			.single() > 0;
	}

	Optional<Instant> startsAt(ConcertDateId date) {
		return this.jdbc.sql("SELECT starts_at FROM concert_date WHERE id = ?")
			.param(date.value())
			.query((rs, n) -> Sql.instant(rs, "starts_at"))
			.optional();
	}

	/**
	 * Dates of a concert with their free seats counted at {@code now}: a hold past its
	 * expiry counts as free.
	 */
	List<ConcertDate> findDates(ConcertId concert, Instant now) {
		return this.jdbc.sql("""
				SELECT d.id, d.concert_id, d.starts_at, d.total_seats, c.time_zone,
				       (SELECT count(*) FROM seat s
				         WHERE s.concert_date_id = d.id
				           AND %s) AS available
				  FROM concert_date d JOIN concert c ON c.id = d.concert_id
				 WHERE d.concert_id = :concert
				 ORDER BY d.starts_at, d.id""".formatted(Sql.free("s")))
			.param("concert", concert.value())
			.param("now", Sql.ts(now))
			.query((rs, n) -> new ConcertDate(new ConcertDateId(rs.getLong("id")),
					new ConcertId(rs.getObject("concert_id", UUID.class)), Sql.instant(rs, "starts_at"),
					rs.getInt("total_seats"), rs.getInt("available"), ZoneId.of(rs.getString("time_zone"))))
			.list();
	}

	void insertConcert(ConcertId id, NewConcert concert, SaleStatus status, Instant now) {
		this.jdbc.sql("""
				INSERT INTO concert (id, title, venue, time_zone, sale_opens_at, status, queue_max_active,
				                     queue_admit_per_second, tickets_per_fan, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id.value(), concert.title(), concert.venue(), concert.timeZone().getId(),
					Sql.ts(concert.saleOpensAt()), status.name(), concert.maxActive(), concert.admitPerSecond(),
					concert.ticketsPerFan(), Sql.ts(now))
			.update();
	}

	/**
	 * Writes the changed details (not the status) of the concert.
	 * @return false if there is no such concert
	 */
	boolean updateDetails(ConcertId id, ConcertChanges changes) {
		List<String> sets = new ArrayList<>();
		List<Object> values = new ArrayList<>();
		set(sets, values, "title", changes.title());
		set(sets, values, "venue", changes.venue());
		set(sets, values, "time_zone", (changes.timeZone() != null) ? changes.timeZone().getId() : null);
		set(sets, values, "sale_opens_at", Sql.ts(changes.saleOpensAt()));
		set(sets, values, "queue_max_active", changes.maxActive());
		set(sets, values, "queue_admit_per_second", changes.admitPerSecond());
		set(sets, values, "tickets_per_fan", changes.ticketsPerFan());
		set(sets, values, "join_challenge", changes.joinChallenge());
		for (ConcertChanges.Removable removed : changes.removed()) {
			sets.add(switch (removed) {
				case SALE_OPENS_AT -> "sale_opens_at = NULL";
				case MAX_ACTIVE -> "queue_max_active = NULL";
				case ADMIT_PER_SECOND -> "queue_admit_per_second = NULL";
				case TICKETS_PER_FAN -> "tickets_per_fan = NULL";
			});
		}
		values.add(id.value());
		return this.jdbc.sql("UPDATE concert SET " + String.join(", ", sets) + " WHERE id = ?")
			.params(values)
			.update() == 1;
	}

	private static void set(List<String> sets, List<Object> values, String column, Object value) {
		if (value != null) {
			sets.add(column + " = ?");
			values.add(value);
		}
	}

	/**
	 * Moves the concert to {@code next} if its status now is one {@code next} may be
	 * reached from: the row count says whether it moved.
	 */
	boolean changeStatus(ConcertId id, SaleStatus next) {
		if (SaleStatus.sourcesOf(next).isEmpty()) {
			return false;
		}
		return this.jdbc.sql("UPDATE concert SET status = :next WHERE id = :id AND status IN (:sources)")
			.param("next", next.name())
			.param("id", id.value())
			.param("sources", SaleStatus.sourcesOf(next).stream().map(Enum::name).toList())
			.update() == 1;
	}

	ConcertDateId insertDate(ConcertId concert, Instant startsAt, SeatMap map) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO concert_date (concert_id, starts_at, total_seats, min_price, max_price)
				VALUES (?, ?, ?, ?, ?)""")
			.params(concert.value(), Sql.ts(startsAt), map.totalSeats(), map.minPrice().value(), map.maxPrice().value())
			.update(keys, "id");
		return new ConcertDateId(Objects.requireNonNull(keys.getKey()).longValue());
	}

	void updateDate(ConcertDateId date, Instant startsAt, SeatMap map) {
		this.jdbc.sql("""
				UPDATE concert_date SET starts_at = ?, total_seats = ?, min_price = ?, max_price = ?
				 WHERE id = ?""")
			.params(Sql.ts(startsAt), map.totalSeats(), map.minPrice().value(), map.maxPrice().value(), date.value())
			.update();
	}

	Optional<Concert> findById(ConcertId id) {
		return this.jdbc.sql("SELECT " + CONCERT_COLUMNS + " FROM concert WHERE id = ?")
			.param(id.value())
			.query(ConcertRepository::concert)
			.optional();
	}

	private static Concert concert(ResultSet rs, int row) throws SQLException {
		Number maxActive = (Number) rs.getObject("queue_max_active");
		Number rate = (Number) rs.getObject("queue_admit_per_second");
		Number ticketsPerFan = (Number) rs.getObject("tickets_per_fan");
		return new Concert(new ConcertId(rs.getObject("id", UUID.class)), rs.getString("title"), rs.getString("venue"),
				ZoneId.of(rs.getString("time_zone")), Sql.instant(rs, "sale_opens_at"),
				SaleStatus.valueOf(rs.getString("status")), (maxActive != null) ? maxActive.intValue() : null,
				(rate != null) ? rate.doubleValue() : null, (ticketsPerFan != null) ? ticketsPerFan.intValue() : null,
				rs.getBoolean("join_challenge"));
	}

	private static Points points(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : Points.of(value);
	}

	/** A date as the fans' concert list shows it. */
	record DateSummary(ConcertDateId id, ConcertId concertId, Instant startsAt, int totalSeats, Points minPrice,
			Points maxPrice) {
	}

}
