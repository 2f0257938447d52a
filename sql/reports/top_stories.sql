-- stories with the most copies, with their original outlet. a story has one row per night it
-- received an article (counts as of that night): take its latest row up to $date_to.
with latest as (
    select *
    from stories
    where crawl_date <= $date_to
    qualify row_number() over (partition by story_id order by crawl_date desc) = 1
),

in_range as (
    select l.*
    from latest as l
    where exists (
        select 1 from stories as s
        where s.story_id = l.story_id and s.crawl_date between $date_from and $date_to
    )
)

select
    s.story_id,
    s.title,
    s.n_articles,
    s.n_outlets,
    a.outlet_id as original_outlet,
    s.first_published_date
from in_range as s
inner join articles as a on a.article_id = s.original_article_id
order by s.n_articles desc, s.n_outlets desc, s.story_id
limit $top_n
