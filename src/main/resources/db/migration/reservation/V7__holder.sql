-- One row per user and concert the user has held seats of. A hold locks it (SELECT … FOR
-- UPDATE, or the INSERT that creates it) before it counts the user's live holds, so one
-- user's concurrent holds on a concert are decided one after another and never pass
-- concert.reservation.max-holds-per-user, whatever the seat claims in Redis say. Holds of
-- different users never wait for each other; nothing else locks these rows.
CREATE TABLE holder (
    user_id     UUID NOT NULL,
    concert_id  UUID NOT NULL,
    PRIMARY KEY (user_id, concert_id)
);
