-- Photos a reply carries (paths of the media store): uploaded to X or Mastodon, linked in an MMS, attached to email.
alter table notification add column media_paths text[] not null default '{}';
