-- An Idempotency-Key belongs to the user who sent it: another user's request with the same key is their own request,
-- never answered with the first user's response. principal '' marks keys every user shares: a file's SHA-256
-- (the same file is recorded once, whoever posts it) and keys recorded before this migration.
ALTER TABLE idempotent_request ADD COLUMN principal varchar(255) NOT NULL DEFAULT '';
ALTER TABLE idempotent_request DROP CONSTRAINT pk_idempotent_request;
ALTER TABLE idempotent_request ADD CONSTRAINT pk_idempotent_request PRIMARY KEY (scope, principal, idempotency_key);
