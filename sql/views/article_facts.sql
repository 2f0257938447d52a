-- one row per article with its story and its day: the base the other views build on.
-- day = the article's publication date, else its crawl date (a page without a visible date).
-- an article without an article_copies row (a day not deduplicated yet) is its own story.
select
    a.article_id,
    coalesce(c.story_id, a.article_id) as story_id,
    coalesce(c.is_original, true) as is_original,
    c.copy_of,
    c.method,
    a.outlet_id,
    a.credited_outlet,
    a.title,
    a.language,
    a.word_count,
    a.published_date,
    a.published_at,
    a.crawl_date,
    coalesce(a.published_date, a.crawl_date) as day
from articles as a
left join article_copies as c using (article_id)
