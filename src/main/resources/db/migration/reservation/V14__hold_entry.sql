-- Which entry into the concert's line the queue token that made the hold was of: a token of
-- an ended entry pays for or cancels only the holds made with it, so an old token that the
-- line has done with speaks for none of the holds made since. 0 for holds made before
-- this column, which any of the holder's tokens for the concert may still act on.
ALTER TABLE reservation ADD COLUMN held_with_entry BIGINT NOT NULL DEFAULT 0;
