-- Who took an article out of the knowledge base, and when: archived articles are listed for editors, who bring one
-- back by writing a new version of it.
alter table knowledge_article add column archived_by text;
alter table knowledge_article add column archived_at timestamptz;
