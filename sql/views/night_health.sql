-- each crawl date's fetch and extraction health: pages, failures by kind, extraction outcomes
select
    p.crawl_date,
    count(*) as n_pages,
    count(*) filter (where p.error is null) as n_fetched,
    count(*) filter (where p.error is not null) as n_fetch_failed,
    count(*) filter (where e.outcome = 'ok') as n_extracted,
    count(*) filter (where e.outcome = 'empty') as n_empty,
    count(*) filter (where e.outcome = 'parse_error') as n_parse_error,
    count(*) filter (where e.outcome = 'skipped') as n_skipped,
    coalesce(sum(e.n_articles), 0)::bigint as n_articles,
    count(*) filter (where p.error is not null) / count(*) as failed_fetch_share,
    count(*) filter (where e.outcome in ('empty', 'parse_error')) / count(*) as empty_extraction_share,
    median(p.elapsed_ms) as median_fetch_ms
from pages as p
left join extractions as e using (page_id)
group by p.crawl_date
