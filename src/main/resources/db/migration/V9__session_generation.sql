-- Ending signed-in sessions across every instance on this database: each account counts the times its sessions were
-- ended (password changed by the person or reset by an admin, account disabled). A session remembers the count it
-- signed in under, and any request of a session whose count is behind the account's is refused and the session ends.
-- A counter rather than a time, so that nothing depends on the instances' clocks agreeing.

ALTER TABLE app_user ADD COLUMN session_generation BIGINT DEFAULT 0 NOT NULL;
