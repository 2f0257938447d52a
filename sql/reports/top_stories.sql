-- stories with the most copies, with their original outlet
select
    s.story_id,
    s.title,
    s.n_articles,
    s.n_outlets,
    a.outlet_id as original_outlet,
    s.first_published_date
from stories as s
inner join articles as a on a.article_id = s.original_article_id
where s.crawl_date between $date_from and $date_to
order by s.n_articles desc, s.n_outlets desc, s.story_id
limit $top_n
