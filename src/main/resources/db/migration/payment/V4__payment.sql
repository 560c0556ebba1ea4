-- One payment per reservation (the UNIQUE constraint): a payment sent twice can never
-- be recorded twice.
CREATE TABLE payment (
    id              UUID PRIMARY KEY,
    reservation_id  UUID NOT NULL UNIQUE,
    user_id         UUID NOT NULL,
    amount          BIGINT NOT NULL CHECK (amount >= 0),
    status          VARCHAR(16) NOT NULL CHECK (status IN ('COMPLETED')),
    paid_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
