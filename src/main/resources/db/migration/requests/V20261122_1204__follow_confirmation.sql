-- A resident who follows a request from the portal confirms their address first (double opt-in): until then the
-- follower is pending and hears nothing but the confirmation. Followers added otherwise have no token.
alter table request_follower
    add column confirm_token uuid unique,
    add column confirmed_at  timestamptz;
