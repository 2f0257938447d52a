-- articles of a crawl date (all dates when $crawl_date is null) in no story or in more than one
with per_article as (
    select a.article_id, count(c.story_id) as n_stories
    from articles as a
    left join article_copies as c using (article_id)
    where $crawl_date is null or a.crawl_date = $crawl_date
    group by a.article_id
)

select article_id, n_stories
from per_article
where n_stories != 1
