-- Whether the seats a date releases (a cancelled, refunded or run-out hold) go to the
-- date's waiting list rather than back on sale. While waiting is true a seat whose hold
-- ran out is nobody's to take (the free-seat predicate says so, concert/Sql.free): the
-- next waiting fan gets it by a hand-over, never whoever asks first. The row is also the
-- lock that orders a fan joining the list (who checks that nothing is free) against a
-- seat being released (which checks whether anyone waits): both lock it first, so
-- neither decides on what the other has not yet committed. Created on a date's first
-- release or join, so it always exists to be locked.
CREATE TABLE released_seats_gate (
    concert_date_id BIGINT PRIMARY KEY REFERENCES concert_date (id) ON DELETE CASCADE,
    waiting         BOOLEAN NOT NULL
);
