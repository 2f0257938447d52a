-- share of failed fetches and of pages that gave no article, per crawl date
select
    p.crawl_date,
    count(*) as n_pages,
    avg(case when p.error is not null then 1.0 else 0.0 end) as failed_fetch_share,
    avg(case when e.outcome in ('empty', 'parse_error') then 1.0 else 0.0 end) as empty_extraction_share
from pages as p
left join extractions as e using (page_id)
group by p.crawl_date
order by p.crawl_date
