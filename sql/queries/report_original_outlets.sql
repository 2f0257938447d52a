-- the report's outlet ranking: original reporting (the story's original, written by the outlet
-- itself) against copies and articles credited to others, over the window
select
    outlet_id,
    count(*) filter (where is_original and credited_outlet is not distinct from outlet_id) as n_original,
    count(*) filter (where not is_original) as n_copies,
    count(*) filter (where is_original and credited_outlet is distinct from outlet_id) as n_other_credited,
    count(*) as n_articles
from article_facts
where day between $date_from and $date_to
group by outlet_id
order by n_original desc, n_articles desc, outlet_id
limit $top_n
