-- Concerts organisers put on sale: a status (see SaleStatus; concerts from before this
-- migration were on sale from the start), the hall's time zone, and the concert's own
-- waiting-room settings (NULL: the global concert.queue.* values).
ALTER TABLE concert ADD COLUMN status VARCHAR(16) DEFAULT 'ON_SALE' NOT NULL;
ALTER TABLE concert ADD CONSTRAINT concert_status_known CHECK (status IN ('DRAFT', 'ON_SALE', 'PAUSED', 'CLOSED'));
ALTER TABLE concert ADD COLUMN time_zone VARCHAR(64) DEFAULT 'UTC' NOT NULL;
ALTER TABLE concert ADD COLUMN queue_max_active INTEGER;
ALTER TABLE concert ADD CONSTRAINT concert_queue_max_active_positive CHECK (queue_max_active >= 1);
ALTER TABLE concert ADD COLUMN queue_admit_per_second DOUBLE PRECISION;
ALTER TABLE concert ADD CONSTRAINT concert_queue_rate_not_negative CHECK (queue_admit_per_second >= 0);

-- A date's price range, written with its seat map, so the fans' concert list never reads
-- the seats.
ALTER TABLE concert_date ADD COLUMN min_price BIGINT;
ALTER TABLE concert_date ADD COLUMN max_price BIGINT;
UPDATE concert_date SET min_price = (SELECT min(price) FROM seat WHERE seat.concert_date_id = concert_date.id),
                        max_price = (SELECT max(price) FROM seat WHERE seat.concert_date_id = concert_date.id);

-- Where a seat is in the hall: section, row and a label such as "A-3-7" (section, row,
-- seat in the row). Seats from before this migration have none.
ALTER TABLE seat ADD COLUMN section VARCHAR(100);
ALTER TABLE seat ADD COLUMN row_label VARCHAR(20);
ALTER TABLE seat ADD COLUMN label VARCHAR(140);

-- The sales overview counts a concert's seats by date, section and status from the index
-- alone, however often an organiser looks during a sale.
CREATE INDEX seat_by_date_section ON seat (concert_date_id, section, status, hold_expires_at, price);
