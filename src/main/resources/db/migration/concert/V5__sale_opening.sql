-- When a concert's sale opens: users queuing before it are shuffled at the opening
-- (a pre-queue), everyone after is first come, first served. NULL: open from the start.
ALTER TABLE concert ADD COLUMN sale_opens_at TIMESTAMP WITH TIME ZONE;
