-- A paid seat's ticket given to another fan (a transfer at face value): the fan it counts
-- against now, under the concert's cap on tickets per fan, in place of the buyer. The
-- reservation stays the buyer's (user_id): the payment, and so any refund's points, are
-- theirs. NULL: the buyer still holds it.
ALTER TABLE reservation ADD COLUMN given_to UUID;

-- Counting a fan's tickets for the cap reads the tickets given to them by this, beside
-- reservation_live_by_user for the ones they bought.
CREATE INDEX reservation_given_to ON reservation (given_to, concert_id);
