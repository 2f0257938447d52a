-- stories with the most copies, with their original outlet. a story has one row per night it
-- received an article (counts as of that night): take its latest row up to $date_to.
-- n_carriers: articles carrying the story's text, round-up pages (secondary members) included.
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
),

carriers as (
    select story_id, count(distinct article_id) as n_carriers
    from story_members
    where crawl_date <= $date_to
    group by story_id
)

select
    s.story_id,
    s.title,
    s.n_articles,
    s.n_outlets,
    coalesce(c.n_carriers, s.n_articles) as n_carriers,
    a.outlet_id as original_outlet,
    s.first_published_date
from in_range as s
inner join articles as a on a.article_id = s.original_article_id
left join carriers as c on c.story_id = s.story_id
order by s.n_articles desc, s.n_outlets desc, n_carriers desc, s.story_id
limit $top_n
