-- earlier articles the syndication stage compares tonight's articles with: those of the look-back
-- window [$window_start, $crawl_date) with their story, plus the original of each of those stories
-- (whatever its date), so a late copy is checked against the story's original itself
with window_copies as (
    select c.article_id, c.story_id
    from article_copies as c
    where c.crawl_date >= $window_start and c.crawl_date < $crawl_date
),

wanted as (
    select w.article_id from window_copies as w
    union
    select c.article_id
    from article_copies as c
    where
        c.is_original
        and c.crawl_date < $crawl_date
        and c.story_id in (select w.story_id from window_copies as w)
)

select
    a.article_id,
    a.outlet_id,
    a.credited_outlet,
    a.title,
    a.text,
    a.published_at,
    a.published_date,
    p.fetched_at,
    c.story_id
from wanted as w
inner join articles as a on w.article_id = a.article_id
inner join article_copies as c on w.article_id = c.article_id
left join pages as p on a.page_id = p.page_id
order by a.article_id
