-- The most tickets one fan may have of a concert, across all its dates, live holds and
-- paid tickets together (NULL: no cap beyond the live-hold limit). The reservation module
-- counts against it under the lock on the fan's holder row for the concert.
ALTER TABLE concert ADD COLUMN tickets_per_fan INTEGER;
ALTER TABLE concert ADD CONSTRAINT concert_tickets_per_fan_positive CHECK (tickets_per_fan >= 1);
