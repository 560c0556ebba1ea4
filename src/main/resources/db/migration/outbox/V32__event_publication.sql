-- Spring Modulith's JDBC event publication registry (its schema version 2), made by our
-- migrations rather than by Modulith's schema initialisation, so the one schema history
-- owns every table. One row per event and listener that must not be lost (the broker's
-- externaliser, the mails), written in the publishing transaction. VARCHAR without a
-- length, not TEXT: the same statement runs on PostgreSQL and on H2, where TEXT is a CLOB
-- that cannot be compared in the registry's lookups.
CREATE TABLE event_publication (
  id                     UUID PRIMARY KEY,
  listener_id            VARCHAR NOT NULL,
  event_type             VARCHAR NOT NULL,
  serialized_event       VARCHAR NOT NULL,
  publication_date       TIMESTAMP WITH TIME ZONE NOT NULL,
  completion_date        TIMESTAMP WITH TIME ZONE,
  status                 VARCHAR(20),
  completion_attempts    INT,
  last_resubmission_date TIMESTAMP WITH TIME ZONE
);

-- Completed publications are purged by age; incomplete ones are found by status.
CREATE INDEX event_publication_by_completion_date ON event_publication (completion_date);
CREATE INDEX event_publication_by_status ON event_publication (status);
