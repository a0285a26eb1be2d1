-- Numbers that texted STOP: nothing more is texted to them, not even the confirmation a new follow would send, until
-- they text START. Digits only; compared on their last ten digits when both have that many.
create table text_opt_out (
    digits text        primary key,
    at     timestamptz not null
);
