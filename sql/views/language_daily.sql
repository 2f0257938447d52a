-- articles per language per crawl date and each language's share of the night (the language
-- shift check compares a night with the nights before it)
with counts as (
    select crawl_date, coalesce(language, 'und') as language, count(*) as n_articles
    from articles
    group by all
)

select
    crawl_date,
    language,
    n_articles,
    n_articles / sum(n_articles) over (partition by crawl_date) as share
from counts
