-- articles of a crawl date (all dates when $crawl_date is null) without exactly one primary
-- story_members row, or whose primary story_members row is not their article_copies story
with primary_rows as (
    select m.article_id, count(*) as n_primary, min(m.story_id) as member_story
    from story_members as m
    where m.is_primary
    group by m.article_id
),

per_article as (
    select
        a.article_id,
        coalesce(p.n_primary, 0) as n_primary,
        p.member_story,
        c.story_id as copies_story
    from articles as a
    left join primary_rows as p using (article_id)
    left join article_copies as c using (article_id)
    where $crawl_date is null or a.crawl_date = $crawl_date
)

select article_id, n_primary, member_story, copies_story
from per_article
where n_primary != 1 or member_story is distinct from copies_story
