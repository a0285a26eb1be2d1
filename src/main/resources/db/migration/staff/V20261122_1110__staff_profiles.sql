-- What residents and colleagues see of a staff member: the team, the name used in public replies, a photo, and
-- whether replies are signed with that name or with initials.
alter table staff_account
    add column team        text,
    add column public_name text,
    add column photo_path  text,
    add column signature   text not null default 'NAME' check (signature in ('NAME', 'INITIALS'));
