-- articles.tags: the page's tags then its categories, one item each (meta keywords and
-- article:tag, JSON-LD keywords/articleSection, tag and category links; see
-- pipelines/lib/clean.py page_metadata). Empty list when the page names none.
alter table articles add column if not exists tags varchar[];
