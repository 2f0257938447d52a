-- actors mentioned in the most stories (a story counts once however many copies it has); source
-- credits (match 'credit') are not counted
with mentions as (
    select m.actor_id, c.story_id, m.article_id
    from actor_mentions as m
    left join article_copies as c using (article_id)
    where m.crawl_date between $date_from and $date_to and m.match != 'credit'
),

counted as (
    select
        actor_id,
        count(distinct coalesce(story_id, article_id)) as n_stories,
        count(distinct article_id) as n_articles,
        count(*) as n_mentions
    from mentions
    group by actor_id
)

select a.name_en, a.name_ar, a.type, c.n_stories, c.n_articles, c.n_mentions
from counted as c
inner join actors as a using (actor_id)
order by c.n_stories desc, c.n_mentions desc, a.name_en
limit $top_n
