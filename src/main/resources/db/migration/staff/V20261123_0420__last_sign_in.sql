-- When each person last signed in, so that administrators see accounts nobody uses any more.
alter table staff_account add column last_signed_in_at timestamptz;
