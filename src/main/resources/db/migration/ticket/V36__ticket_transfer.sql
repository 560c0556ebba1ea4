-- Every transfer of a ticket from one fan to another, in order: the ticket's history of
-- holders. Written in the transfer's own transaction, beside the ticket's new holder and
-- version (which voids every code the giver had). It also tells a fan who acts on a
-- ticket they gave away (TICKET_TRANSFERRED) from one who never had it (TICKET_NOT_FOUND).
CREATE TABLE ticket_transfer (
    id              UUID PRIMARY KEY,
    ticket_id       UUID NOT NULL REFERENCES ticket (id),
    from_holder     UUID NOT NULL,
    to_holder       UUID NOT NULL,
    transferred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ticket_transfer_to_another CHECK (from_holder <> to_holder)
);

CREATE INDEX ticket_transfer_by_ticket ON ticket_transfer (ticket_id, transferred_at);
