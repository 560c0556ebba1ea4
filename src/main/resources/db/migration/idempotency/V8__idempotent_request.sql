-- The answer to a call sent with an Idempotency-Key, replayed to a retry with the same key
-- by the same user until expires_at. A successful call's row is written in the transaction
-- of the call's own effect (the charge, the hold, the payment), so the two commit together
-- or not at all; the primary key makes a second attempt with the key fail and roll back.
CREATE TABLE idempotent_request (
    user_id       UUID NOT NULL,
    idem_key      VARCHAR(255) NOT NULL,
    fingerprint   VARCHAR(64) NOT NULL,
    status        SMALLINT NOT NULL CHECK (status BETWEEN 200 AND 499),
    content_type  VARCHAR(100) NOT NULL,
    body          BYTEA NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id, idem_key)
);

-- The purge deletes by expiry.
CREATE INDEX idempotent_request_by_expiry ON idempotent_request (expires_at);
