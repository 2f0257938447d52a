-- the report's health section: the night's pages by outcome, with a sample reason and outlets
select
    case
        when p.error is not null then 'fetch failed: ' || regexp_extract(p.error, '^([^:]+)', 1)
        else 'extraction ' || coalesce(e.outcome, 'missing')
    end as outcome,
    count(*) as n_pages,
    string_agg(distinct p.outlet_id, ', ' order by p.outlet_id) as outlets,
    any_value(coalesce(p.error, e.reason)) as example_reason
from pages as p
left join extractions as e using (page_id)
where p.crawl_date = $night
group by all
order by n_pages desc, outcome
