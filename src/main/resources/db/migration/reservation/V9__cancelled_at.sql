-- When the holder gave the hold up: a cancelled reservation is EXPIRED like one that ran
-- out, and this tells the two apart in the user's list of reservations. Cancellations from
-- before this column show as expired.
ALTER TABLE reservation ADD COLUMN cancelled_at TIMESTAMP WITH TIME ZONE;
