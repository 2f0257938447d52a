-- pairs of actors named in the same story, per day. a story counts once however many copies it
-- has, on the day it was first seen (its earliest article), so a story spanning days counts once.
-- actor_a < actor_b: each unordered pair appears once. source credits (match 'credit') are left out:
-- the agency a text comes from is not an actor of the story. registry actors only (discovered names
-- have no name to pair by; see discovered_actors).
with story_days as (
    select story_id, min(day) as day
    from article_facts
    group by story_id
),

story_actors as (
    select distinct f.story_id, m.actor_id
    from actor_mentions as m
    inner join article_facts as f using (article_id)
    inner join actors as a using (actor_id)
    where m.match != 'credit'
),

pairs as (
    select a.story_id, a.actor_id as actor_a, b.actor_id as actor_b
    from story_actors as a
    inner join story_actors as b on a.story_id = b.story_id and a.actor_id < b.actor_id
)

select
    d.day,
    p.actor_a,
    aa.name_en as name_a,
    p.actor_b,
    ab.name_en as name_b,
    count(*) as n_stories
from pairs as p
inner join story_days as d using (story_id)
left join actors as aa on aa.actor_id = p.actor_a
left join actors as ab on ab.actor_id = p.actor_b
group by all
