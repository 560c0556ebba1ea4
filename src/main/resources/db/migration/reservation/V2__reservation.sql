-- A reservation is the user's side of a seat hold. It is CONFIRMED only by a payment;
-- a HELD one past expires_at is expired whether or not the sweep has marked it.
CREATE TABLE reservation (
    id               UUID PRIMARY KEY,
    user_id          UUID NOT NULL,
    concert_id       UUID NOT NULL,
    concert_date_id  BIGINT NOT NULL,
    seat_id          BIGINT NOT NULL,
    price            BIGINT NOT NULL CHECK (price >= 0),
    status           VARCHAR(16) NOT NULL CHECK (status IN ('HELD', 'CONFIRMED', 'EXPIRED')),
    held_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    confirmed_at     TIMESTAMP WITH TIME ZONE
);

CREATE INDEX reservation_by_user ON reservation (user_id, held_at);
CREATE INDEX reservation_by_status_expiry ON reservation (status, expires_at);
