-- the report's network: who copied whom among the window's articles (by the copy's day)
select
    src.outlet_id as source_outlet,
    cp.outlet_id as copier_outlet,
    count(*) as n_copies,
    median(epoch(cp.published_at - src.published_at) / 3600.0) as median_delay_hours
from article_facts as cp
inner join article_facts as src on src.article_id = cp.copy_of
where cp.day between $date_from and $date_to
group by all
order by n_copies desc, source_outlet, copier_outlet
