-- each language's share on a night against its share over the $baseline_days nights before
-- (the language shift check: a sudden change means a source broke or started serving another site)
with night as (
    select language, share, n_articles
    from language_daily
    where crawl_date = $night
),

baseline_counts as (
    select language, sum(n_articles) as n_articles
    from language_daily
    where crawl_date < $night and crawl_date >= $night - to_days($baseline_days)
    group by language
),

baseline as (
    select language, n_articles, n_articles / sum(n_articles) over () as share
    from baseline_counts
)

select
    coalesce(n.language, b.language) as language,
    coalesce(n.n_articles, 0) as night_articles,
    coalesce(n.share, 0) as night_share,
    coalesce(b.n_articles, 0)::bigint as baseline_articles,
    coalesce(b.share, 0) as baseline_share
from night as n
full outer join baseline as b using (language)
order by night_share desc, baseline_share desc, language
