-- stories.n_independent: outlets in the story that wrote the text rather than copied it
-- (distinct credited authors; see pipelines/lib/dedup.py independent_sources).
alter table stories add column if not exists n_independent integer;
