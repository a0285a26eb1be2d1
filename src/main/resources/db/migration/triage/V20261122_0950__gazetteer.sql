-- The built-in geocoder's addresses and intersections, by normalised key.
create table gazetteer_entry (
    jurisdiction_id text             not null references jurisdiction (id),
    key             text             not null,
    address         text             not null,
    street_key      text             not null,
    house_number    int,
    latitude        double precision not null,
    longitude       double precision not null,
    primary key (jurisdiction_id, key)
);

create index gazetteer_street on gazetteer_entry (jurisdiction_id, street_key, house_number);
