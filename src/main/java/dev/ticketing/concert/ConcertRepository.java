package dev.ticketing.concert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import dev.ticketing.common.ConcertId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class ConcertRepository {

	private final JdbcClient jdbc;

	ConcertRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Concert> findAll() {
		return this.jdbc.sql("SELECT id, title, venue FROM concert ORDER BY created_at, id")
			.query(ConcertRepository::concert)
			.list();
	}

	boolean exists(ConcertId id) {
		return this.jdbc.sql("SELECT count(*) FROM concert WHERE id = ?")
			.param(id.value())
			.query(Long.class)
			.single() > 0;
	}

	Optional<Instant> saleOpensAt(ConcertId id) {
		return this.jdbc.sql("SELECT sale_opens_at FROM concert WHERE id = ?")
			.param(id.value())
			.query((rs, n) -> Optional.ofNullable(Sql.instant(rs, "sale_opens_at")).orElse(Instant.EPOCH))
			.optional();
	}

	boolean dateBelongsTo(ConcertDateId date, ConcertId concert) {
		return this.jdbc.sql("SELECT count(*) FROM concert_date WHERE id = ? AND concert_id = ?")
			.params(date.value(), concert.value())
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Dates of a concert with their free seats counted at {@code now}: a hold past its
	 * expiry counts as free.
	 */
	List<ConcertDate> findDates(ConcertId concert, Instant now) {
		return this.jdbc
			.sql("""
					SELECT d.id, d.concert_id, d.starts_at, d.total_seats,
					       (SELECT count(*) FROM seat s
					         WHERE s.concert_date_id = d.id
					           AND (s.status = 'AVAILABLE' OR (s.status = 'HELD' AND s.hold_expires_at <= :now))) AS available
					  FROM concert_date d
					 WHERE d.concert_id = :concert
					 ORDER BY d.starts_at, d.id""")
			.param("concert", concert.value())
			.param("now", Sql.ts(now))
			.query((rs, n) -> new ConcertDate(new ConcertDateId(rs.getLong("id")),
					new ConcertId(rs.getObject("concert_id", UUID.class)), Sql.instant(rs, "starts_at"),
					rs.getInt("total_seats"), rs.getInt("available")))
			.list();
	}

	void insertConcert(ConcertId id, String title, String venue, Instant saleOpensAt, Instant now) {
		this.jdbc.sql("INSERT INTO concert (id, title, venue, sale_opens_at, created_at) VALUES (?, ?, ?, ?, ?)")
			.params(id.value(), title, venue, Sql.ts(saleOpensAt), Sql.ts(now))
			.update();
	}

	ConcertDateId insertDate(ConcertId concert, Instant startsAt, int totalSeats) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("INSERT INTO concert_date (concert_id, starts_at, total_seats) VALUES (?, ?, ?)")
			.params(concert.value(), Sql.ts(startsAt), totalSeats)
			.update(keys, "id");
		return new ConcertDateId(Objects.requireNonNull(keys.getKey()).longValue());
	}

	Optional<Concert> findById(ConcertId id) {
		return this.jdbc.sql("SELECT id, title, venue FROM concert WHERE id = ?")
			.param(id.value())
			.query(ConcertRepository::concert)
			.optional();
	}

	private static Concert concert(ResultSet rs, int row) throws SQLException {
		return new Concert(new ConcertId(rs.getObject("id", UUID.class)), rs.getString("title"), rs.getString("venue"));
	}

}
