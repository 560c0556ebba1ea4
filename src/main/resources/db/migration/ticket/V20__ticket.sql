-- A ticket per paid reservation (UNIQUE: a payment seen twice issues one ticket). The
-- ticket module's own table: it learns of payments and refunds from their events and
-- reads no other module's table.
--
-- version: what every code of the ticket carries; a refund (or any voiding) raises it,
-- so every code issued before answers VOIDED or REFUNDED at once, wherever it was copied.
-- checked_in_*: set once, by the conditional UPDATE that admits at the gate (WHERE
-- checked_in_at IS NULL): of ten gates scanning one ticket at once exactly one sets them.
CREATE TABLE ticket (
    id               UUID PRIMARY KEY,
    reservation_id   UUID NOT NULL,
    concert_id       UUID NOT NULL,
    concert_date_id  BIGINT NOT NULL,
    seat_id          BIGINT NOT NULL,
    holder_id        UUID NOT NULL,
    version          INT NOT NULL,
    status           VARCHAR(16) NOT NULL,
    issued_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    voided_at        TIMESTAMP WITH TIME ZONE,
    checked_in_at    TIMESTAMP WITH TIME ZONE,
    checked_in_gate  VARCHAR(64),
    checked_in_by    UUID,
    CONSTRAINT ticket_one_per_reservation UNIQUE (reservation_id),
    CONSTRAINT ticket_version_positive CHECK (version >= 1),
    CONSTRAINT ticket_status_known CHECK (status IN ('VALID', 'REFUNDED')),
    CONSTRAINT ticket_voided_when_refunded CHECK ((status = 'REFUNDED') = (voided_at IS NOT NULL)),
    CONSTRAINT ticket_check_in_whole CHECK ((checked_in_at IS NULL) = (checked_in_gate IS NULL))
);

-- A fan's tickets, newest first.
CREATE INDEX ticket_by_holder ON ticket (holder_id, issued_at DESC);
