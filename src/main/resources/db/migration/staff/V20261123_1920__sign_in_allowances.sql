-- The sign-in tries left to each account, each client address and each pair of them, shared by every instance:
-- counted in each instance's memory, N instances behind a load balancer gave a guesser N times the tries. Each is a
-- bucket of tokens refilled evenly over the window. Unlogged: after a crash the counts start again full, which costs
-- a guesser's few tries, and a failed sign-in needs no write to the WAL and its fsync.
create unlogged table sign_in_allowance (
    key        text             primary key,
    capacity   double precision not null,
    per_second double precision not null,
    tokens     double precision not null,
    at         timestamptz      not null,
    granted    boolean          not null
);
