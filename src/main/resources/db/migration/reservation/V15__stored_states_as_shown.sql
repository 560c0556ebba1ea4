-- A reservation is stored under the word it is shown with: a paid one PAID (was
-- CONFIRMED), one its holder gave up CANCELLED (was EXPIRED with a cancelled_at), and when
-- it was paid is paid_at. Cancellations from before cancelled_at was kept stay EXPIRED.
ALTER TABLE reservation DROP CONSTRAINT reservation_status_known;
UPDATE reservation SET status = 'PAID' WHERE status = 'CONFIRMED';
UPDATE reservation SET status = 'CANCELLED' WHERE status = 'EXPIRED' AND cancelled_at IS NOT NULL;
ALTER TABLE reservation ADD CONSTRAINT reservation_status_known
    CHECK (status IN ('HELD', 'PAID', 'EXPIRED', 'CANCELLED', 'REFUNDED'));
ALTER TABLE reservation RENAME COLUMN confirmed_at TO paid_at;
