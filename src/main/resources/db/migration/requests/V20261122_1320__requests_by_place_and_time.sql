-- Requests of an area in a period, newest first, as the public map and Open311's bbox and radius searches ask: one
-- GiST index on place and time answers both conditions, and walks the requests newest first (a nearest-neighbour
-- scan by distance in time from the far future) so that a page of 100 reads about 100 rows, however dense the area.
create extension if not exists btree_gist;

create index service_request_place_time on service_request using gist (location, requested_at);
