-- Reservations paid before tickets existed (V20) have no ticket: nothing to show at the
-- door. Each PAID one without a ticket gets the ticket its payment would have issued:
-- held by whoever holds its seat (the buyer, or the fan it was given to), version 1 and
-- valid, issued when it was paid. It takes its reservation's id, which is unique, so the
-- backfill needs no UUID function (PostgreSQL and the embedded mode's H2 name theirs
-- differently). The one place the ticket module reads the reservation table: a one-off
-- repair of data written before the module existed, not a way the modules talk.
INSERT INTO ticket (id, reservation_id, concert_id, concert_date_id, seat_id, holder_id, version, status, issued_at)
SELECT r.id, r.id, r.concert_id, r.concert_date_id, r.seat_id, coalesce(r.given_to, r.user_id), 1, 'VALID',
       coalesce(r.paid_at, r.held_at)
  FROM reservation r
 WHERE r.status = 'PAID'
   AND NOT EXISTS (SELECT 1 FROM ticket t WHERE t.reservation_id = r.id);

-- Whether the check-in was made online, by a gate with signal (at the service's own
-- clock), or synced from a gate that scanned offline. A synced scan earlier than the
-- recorded check-in takes its place ("the earliest scan wins") only if that check-in was
-- itself an offline scan: a ticket admitted online stays admitted where and when it was,
-- and the earlier offline scan is the conflict.
ALTER TABLE ticket ADD COLUMN checked_in_online BOOLEAN;
UPDATE ticket SET checked_in_online = FALSE WHERE checked_in_at IS NOT NULL;
ALTER TABLE ticket ADD CONSTRAINT ticket_check_in_how_known
    CHECK ((checked_in_at IS NULL) = (checked_in_online IS NULL));
