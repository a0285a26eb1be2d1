-- Who reviewed and published each version of an article, and when: the two-person rule leaves a name behind.
alter table knowledge_article_version add column published_by text;
alter table knowledge_article_version add column published_at timestamptz;
