-- production ingest: feed/sitemap hints, HTTP validators and change tracking on pages
-- (columns appended in the order of pipelines/lib/schemas.py PAGES).
-- hint_published / hint_title: what the feed or sitemap entry said (hints for later stages);
-- discovered_from: the feed, sitemap or home page the URL was found on;
-- etag / last_modified: validators for the next night's conditional GET;
-- attempts: HTTP attempts including retries; change: new | changed | unchanged (HTTP pages);
-- skip_reason: why the clean stage should not extract this row again (unchanged page, duplicate
-- of another page, feed or sitemap document), null otherwise.
alter table pages add column if not exists hint_published timestamp with time zone;
alter table pages add column if not exists hint_title varchar;
alter table pages add column if not exists discovered_from varchar;
alter table pages add column if not exists etag varchar;
alter table pages add column if not exists last_modified varchar;
alter table pages add column if not exists attempts integer;
alter table pages add column if not exists change varchar;
alter table pages add column if not exists skip_reason varchar;
