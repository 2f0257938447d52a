-- mentions of each actor per day: distinct stories (a story counts once per day however many
-- copies), articles (every copy), copies (articles that are not their story's original) and
-- mentions. day = the article's day (publication date, else crawl date). source credits (match
-- 'credit': "بيروت (أ ف ب)", the agency a text or photo comes from) say where a story comes from,
-- not who is in it: they are left out (actor_mentions keeps them). registry actors only: discovered
-- names (not in actors, no name) are reviewed in discovered_actors.
select
    f.day,
    m.actor_id,
    a.name_en,
    a.name_ar,
    a.type,
    count(distinct f.story_id) as n_stories,
    count(distinct f.article_id) as n_articles,
    count(distinct f.article_id) filter (where not f.is_original) as n_copies,
    count(*) as n_mentions
from actor_mentions as m
inner join article_facts as f using (article_id)
inner join actors as a using (actor_id)
where m.match != 'credit'
group by all
