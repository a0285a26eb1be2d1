-- Optional two-step sign-in (TOTP, RFC 6238): the shared secret, and the last time step used so that a code
-- cannot be replayed within its window.
alter table staff_account
    add column totp_secret         text,
    add column totp_last_step      bigint,
    add column password_changed_at timestamptz;
