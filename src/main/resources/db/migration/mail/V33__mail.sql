-- Where a fan's mails go: the e-mail address of their access token ("email" claim), as
-- last seen when they acted for themselves (joining a line, their wallet). No row, no mail.
CREATE TABLE fan_contact (
  user_id    UUID PRIMARY KEY,
  email      VARCHAR(320) NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Every mail sent, under the id of the event it answers: a publication delivered again
-- (retried after a failure that came after the send) finds its row and sends nothing.
-- Also what the embedded mode's mailbox page lists per fan.
CREATE TABLE sent_mail (
  event_id   UUID PRIMARY KEY,
  user_id    UUID NOT NULL,
  kind       VARCHAR(40) NOT NULL,
  recipient  VARCHAR(320) NOT NULL,
  subject    VARCHAR(500) NOT NULL,
  sent_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX sent_mail_by_user ON sent_mail (user_id, sent_at);
