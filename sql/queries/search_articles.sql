-- full-text search (BM25) over article titles and text. needs the fts extension loaded (`make sql`
-- does it) and the index the article_search_index asset builds after each night. set the
-- words first: set variable search = 'الحشد الشعبي'; then .read sql/queries/search_articles.sql
with scored as (
    select
        a.article_id,
        a.outlet_id,
        a.title,
        a.published_date,
        fts_main_articles.match_bm25(a.article_id, getvariable('search')) as score
    from articles as a
)

select s.article_id, c.story_id, s.outlet_id, s.published_date, s.title, round(s.score, 3) as score
from scored as s
left join article_copies as c using (article_id)
where s.score is not null
order by s.score desc, s.article_id
limit 20
