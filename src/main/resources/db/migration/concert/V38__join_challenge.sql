-- Whether joining the concert's line needs a solved proof-of-work challenge (the challenge
-- module checks it before a queue token is issued). Off unless the organiser turns it on.
ALTER TABLE concert ADD COLUMN join_challenge BOOLEAN NOT NULL DEFAULT FALSE;
